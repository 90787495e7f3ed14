//! The phrase-segment proof: when OpenCC's segmentation pass can be skipped.

use std::collections::BTreeSet;

use crate::tree::{prune, Ctx, Node, Policy};

/// Whether a config's segments are exactly its first stage's matches of two or more
/// characters and the text between them, so that the first stage finds them and no separate
/// segmentation pass is needed (the library's `ConfigSpec::phrase_segments`).
///
/// It holds when the first stage is a short-circuit group whose first member is the
/// segmentation dictionary, the segmentation dictionary has no one-character key, and every
/// other member has one-character keys only: a max-match segment of two or more characters
/// is then the first member's match, which the group takes; elsewhere the group matches one
/// character at a time, as the segmentation leaves that text in one segment.
pub(crate) fn phrase_segments(ctx: &mut Ctx, seg: Option<&Node>, stages: &[Node]) -> bool {
    let Some(s) = seg else {
        return false;
    };
    let mut seg_keys = BTreeSet::new();
    ctx.preload(s);
    ctx.keys(s, &mut seg_keys);
    match stages.first().map(prune) {
        Some(Node::Group(Policy::ShortCircuit, members)) => {
            prune(&members[0]).signature() == prune(s).signature()
                && seg_keys.iter().all(|k| k.chars().count() > 1)
                && members[1..].iter().all(|m| {
                    let mut keys = BTreeSet::new();
                    ctx.preload(m);
                    ctx.keys(m, &mut keys);
                    keys.iter().all(|k| k.chars().count() == 1)
                })
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::dict::Dict;
    use crate::tests::opencc;

    fn proof(config: &str) -> bool {
        let mut ctx = Ctx::new(opencc());
        let c = Config::load(&opencc().join(format!("config/{config}.json")));
        phrase_segments(&mut ctx, c.segmentation.as_ref(), &c.stages)
    }

    #[test]
    fn holds_for_the_simplified_to_regional_configs() {
        for c in ["s2tw", "s2twp", "s2hk", "s2hkp"] {
            assert!(proof(c), "{c}");
        }
    }

    #[test]
    fn fails_without_segmentation_or_with_a_different_first_stage() {
        // s2t, t2s: no segmentation dictionary. tw2s, hk2s: the segmentation dictionary
        // (TSPhrases) is not the first stage's first member.
        for c in [
            "s2t", "t2s", "tw2s", "tw2sp", "hk2s", "hk2sp", "t2tw", "jp2t",
        ] {
            assert!(!proof(c), "{c}");
        }
    }

    #[test]
    fn fails_when_a_later_member_has_phrases() {
        let mem = |n: &str, t: &str| Node::Mem(n.into(), Dict::parse(t, n));
        let seg = mem("seg", "中国\t中國\n");
        let chars = mem("chars", "国\t國\n");
        let phrases = mem("phrases", "国人\t國人\n");
        let mut ctx = Ctx::new(opencc());
        let stage = |m: Vec<Node>| vec![Node::Group(Policy::ShortCircuit, m)];
        let ok = stage(vec![seg.clone(), chars.clone()]);
        assert!(phrase_segments(&mut ctx, Some(&seg), &ok));
        let bad = stage(vec![seg.clone(), chars.clone(), phrases]);
        assert!(!phrase_segments(&mut ctx, Some(&seg), &bad));
        // A one-character key in the segmentation dictionary breaks it too.
        let seg1 = mem("seg", "中国\t中國\n中\t中\n");
        assert!(!phrase_segments(
            &mut ctx,
            Some(&seg1),
            &stage(vec![seg1.clone(), chars])
        ));
    }
}
