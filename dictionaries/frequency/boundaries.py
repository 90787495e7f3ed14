"""Word boundaries that OpenCC's Simplified phrase keys cut across (issue 23).

OpenCC matches its phrases greedily as strings, so a key can straddle two words:
粉丝|发送 holds the key 丝发 (→ 絲髮), 一个|中国 the key 个中 (→ 箇中). For each key of
STPhrases whose value differs from its characters converted one by one, and each place
inside it, this lists the words W of jieba's list that end with the key's first part (粉丝
for 丝|发) when the reading "W, then a word starting with the rest" is far more probable
than "what precedes the key inside W, then the key" under jieba's unigram model:

    f(W) * S(rest)  >  RATIO * f(X) * f(key)

f: a word's jieba frequency (a key that is no word counts 1; X, the part of W before the
key, counts as its best segmentation); S(rest): the summed frequency of the words starting
with the rest. Only pairs whose expected count f(W) * S(rest) / N is at least MIN_COUNT are
kept (the others are too rare to matter).

The same from the right: for each word V of jieba's list that starts with the key's rest
and goes on after the key (发明 for 被发|明, 如何 for 了如|何), when "a word ending with
the key's first part, then V" is far more probable than "the key, then the rest of V":

    E(first) * f(V)  >  RATIO * f(key) * f(after)

E(first): the summed frequency of the words ending with the first part; f(after): the
best segmentation of V's part after the key.

The dictionary compiler turns each row into a *boundary*: text starting with the row's
text converts its first n characters alone first (dictionaries/compiler, recipes.rs),
after checking that this changes the table's result.

usage: boundaries.py JIEBA_DICT_TXT OPENCC_DIR > boundaries.tsv
"""
import collections
import math
import sys

RATIO = 100.0
MIN_COUNT = 0.25
MIN_WORD = 20
LONGEST = 16


def load(path):
    d = {}
    for line in open(path, encoding='utf-8'):
        if line.startswith('#') or '\t' not in line:
            continue
        k, v = line.rstrip('\n').split('\t')[:2]
        d[k] = v.split(' ')[0]
    return d


def main():
    jieba, opencc = sys.argv[1:3]
    freq = {}
    for line in open(jieba, encoding='utf-8'):
        w, f = line.split(' ')[:2]
        freq[w] = int(f)
    total = sum(freq.values())
    phrases = {}
    for f in ['STPhrases.txt', 'STPhrases_GeneratedFromRegionalPhrases.txt']:
        for k, v in load(f'{opencc}/{f}').items():
            phrases.setdefault(k, v)
    chars = load(f'{opencc}/STCharacters.txt')

    def one_by_one(s):
        return ''.join(chars.get(c, c) for c in s)

    def convert(s):
        """OpenCC's greedy matching over STPhrases, then STCharacters (an approximation of
        the compiled tables, which the compiler checks again)."""
        out, i = [], 0
        while i < len(s):
            for j in range(min(len(s), i + LONGEST), i + 1, -1):
                if s[i:j] in phrases:
                    out.append(phrases[s[i:j]])
                    i = j
                    break
            else:
                out.append(chars.get(s[i], s[i]))
                i += 1
        return ''.join(out)

    seg_memo = {}

    def seg_freq(s):
        """exp of the best unigram segmentation's log-probability, times total."""
        if s in seg_memo:
            return seg_memo[s]
        best = [0.0] + [math.inf] * len(s)
        for j in range(1, len(s) + 1):
            for i in range(max(0, j - 6), j):
                f = freq.get(s[i:j], 0) or (1 if j - i == 1 else 0)
                if f:
                    best[j] = min(best[j], best[i] - math.log(f / total))
        seg_memo[s] = math.exp(-best[-1]) * total
        return seg_memo[s]

    ends = collections.defaultdict(list)
    begins = collections.defaultdict(list)
    starts = collections.defaultdict(int)
    ending = collections.defaultdict(int)
    for w, f in freq.items():
        for i in range(1, min(len(w), 5) + 1):
            starts[w[:i]] += f
            ending[w[-i:]] += f
            if i < len(w) and f >= MIN_WORD:
                ends[w[-i:]].append(w)
                begins[w[:i]].append(w)
    rows = {}
    for key, value in phrases.items():
        if len(key) < 2 or value == one_by_one(key):
            continue
        f_key = freq.get(key, 0) or 1
        for i in range(1, len(key)):
            first, rest = key[:i], key[i:]
            s_rest = starts.get(rest, 0)
            for word in ends.get(first, []):
                text = word + rest
                if text in rows or text in phrases or convert(text) == convert(word) + convert(rest):
                    continue
                x = word[:-len(first)]
                ours, theirs = freq[word] * s_rest, seg_freq(x) * f_key
                if ours > RATIO * theirs and ours / total >= MIN_COUNT:
                    rows[text] = (len(word), key, ours // total, round(theirs / total, 3))
            e_first = ending.get(first, 0)
            for word in begins.get(rest, []):
                text = first + word
                if text in rows or text in phrases or convert(text) == convert(first) + convert(word):
                    continue
                after = word[len(rest):]
                ours, theirs = e_first * freq[word], f_key * seg_freq(after)
                if ours > RATIO * theirs and ours / total >= MIN_COUNT:
                    rows[text] = (len(first), key, ours // total, round(theirs / total, 3))
    print('# Generated by dictionaries/frequency/boundaries.py from jieba 0.42.1 and OpenCC 1.4.2;'
          ' do not edit.')
    print('# text<TAB>characters converted alone first<TAB>the key that straddles<TAB>'
          'weight of the words (f(W)*S(rest) or E(first)*f(V), over N)<TAB>weight of the key reading')
    for text in sorted(rows):
        print(text, *rows[text], sep='\t')


if __name__ == '__main__':
    main()
