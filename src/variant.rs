//! Target variants of normalization mode and their spellings.

use std::fmt;
use std::str::FromStr;

use crate::error::Error;

/// A script or regional variant to normalize text into.
///
/// `Hans` and `Hant` change the script only. `Cn`, `Tw`, `Hk` (and `Mo`, which follows
/// `Hk`) also use the region's standard character forms and, unless disabled with
/// [`ConverterBuilder::vocabulary`](crate::ConverterBuilder::vocabulary), its vocabulary.
/// `Sg` and `My` are Simplified without mainland vocabulary.
///
/// Parsing accepts the short name (`hant`), the MediaWiki code (`zh-hant`) and BCP-47
/// forms (`zh-Hant-TW`), in any letter case, with `_` for `-`:
///
/// ```
/// use zhnorm::Variant;
/// assert_eq!("zh-Hant-TW".parse::<Variant>().unwrap(), Variant::Tw);
/// assert_eq!("ZH_HANS".parse::<Variant>().unwrap(), Variant::Hans);
/// assert!("zh-xx".parse::<Variant>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Variant {
    /// Simplified Chinese script (`zh-hans`).
    Hans,
    /// Traditional Chinese script (`zh-hant`), in the forms Traditional readers use unless
    /// [`Forms::Opencc`] is asked for.
    Hant,
    /// Mainland China (`zh-cn`): Simplified with mainland vocabulary.
    Cn,
    /// Taiwan (`zh-tw`): Traditional with Taiwan forms and vocabulary.
    Tw,
    /// Hong Kong (`zh-hk`): Traditional with Hong Kong forms and vocabulary.
    Hk,
    /// Macau (`zh-mo`): converted as Hong Kong.
    Mo,
    /// Singapore (`zh-sg`): Simplified.
    Sg,
    /// Malaysia (`zh-my`): Simplified.
    My,
}

/// The character forms the `hant` target writes (the builder's
/// [`forms`](crate::ConverterBuilder::forms), CLI `--forms`).
///
/// Regional targets keep their own forms (Taiwan's for `tw`, Hong Kong's for `hk` and
/// `mo`); Simplified targets have one set of forms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Forms {
    /// The forms Traditional readers use (Taiwan's and Hong Kong's texts, zh.wikipedia's
    /// zh-hant): 為 眾 群 峰 床 裡 才 著, as OpenCC's Taiwan variant table writes them,
    /// without Taiwan vocabulary. OpenCC's standard forms in the input become these.
    #[default]
    Common,
    /// OpenCC's standard Traditional forms (爲 衆 羣 峯 牀 裏 纔 着), as its `s2t` writes.
    Opencc,
}

impl FromStr for Forms {
    type Err = Error;

    fn from_str(s: &str) -> Result<Forms, Error> {
        match s.to_ascii_lowercase().as_str() {
            "common" => Ok(Forms::Common),
            "opencc" => Ok(Forms::Opencc),
            _ => Err(Error::unknown_forms(s)),
        }
    }
}

/// How much regional vocabulary the cn, tw, hk and mo targets apply (软件 → 軟體 for tw)
/// to text converted from the other script; text already in the target script keeps its
/// words. hans, hant, sg and my never change vocabulary.
///
/// ```
/// use zhnorm::{Converter, Variant, Vocabulary};
/// let tw = |v| Converter::builder(Variant::Tw).vocabulary(v).build();
/// assert_eq!(tw(Vocabulary::Common).convert("软件的参数"), "軟體的參數");
/// assert_eq!(tw(Vocabulary::Full).convert("软件的参数"), "軟體的引數");
/// assert_eq!(tw(Vocabulary::None).convert("软件的参数"), "軟件的參數");
/// assert_eq!("full".parse::<Vocabulary>().unwrap(), Vocabulary::Full);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Vocabulary {
    /// Forms only: the words stay as written.
    None,
    /// OpenCC's regional vocabulary without the entries the region's own text writes as
    /// they are (參數, 項目, 類型 in Taiwan) or that cut across words (視頻 in 電視頻段):
    /// `dictionaries/zhnorm/*-vocabulary-held.txt` gives each one's reason.
    #[default]
    Common,
    /// OpenCC's whole TWPhrases/HKPhrases table, as its s2twp and s2hkp configs apply it.
    Full,
}

impl Vocabulary {
    /// The name `FromStr` accepts: `none`, `common` or `full`.
    pub fn name(self) -> &'static str {
        match self {
            Vocabulary::None => "none",
            Vocabulary::Common => "common",
            Vocabulary::Full => "full",
        }
    }
}

impl fmt::Display for Vocabulary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Vocabulary {
    type Err = Error;

    fn from_str(s: &str) -> Result<Vocabulary, Error> {
        match s.to_ascii_lowercase().as_str() {
            "none" => Ok(Vocabulary::None),
            "common" => Ok(Vocabulary::Common),
            "full" => Ok(Vocabulary::Full),
            _ => Err(Error::unknown_vocabulary(s)),
        }
    }
}

/// How a normalization target writes: its vocabulary and character-form options.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Style {
    /// Regional vocabulary (cn, tw, hk, mo).
    pub vocabulary: Vocabulary,
    /// The forms of `hant`.
    pub forms: Forms,
}

impl Variant {
    /// Every variant, in documentation order.
    ///
    /// ```
    /// assert_eq!(zhnorm::Variant::ALL.len(), 8);
    /// ```
    pub const ALL: [Variant; 8] = [
        Variant::Hans,
        Variant::Hant,
        Variant::Cn,
        Variant::Tw,
        Variant::Hk,
        Variant::Mo,
        Variant::Sg,
        Variant::My,
    ];

    /// The MediaWiki variant code, e.g. `zh-hant`.
    ///
    /// ```
    /// assert_eq!(zhnorm::Variant::Tw.code(), "zh-tw");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Variant::Hans => "zh-hans",
            Variant::Hant => "zh-hant",
            Variant::Cn => "zh-cn",
            Variant::Tw => "zh-tw",
            Variant::Hk => "zh-hk",
            Variant::Mo => "zh-mo",
            Variant::Sg => "zh-sg",
            Variant::My => "zh-my",
        }
    }

    /// Whether the variant is written in Traditional characters.
    ///
    /// ```
    /// assert!(zhnorm::Variant::Hk.is_traditional());
    /// assert!(!zhnorm::Variant::Sg.is_traditional());
    /// ```
    pub fn is_traditional(self) -> bool {
        matches!(
            self,
            Variant::Hant | Variant::Tw | Variant::Hk | Variant::Mo
        )
    }

    /// The BCP-47 tag MediaWiki associates with the variant, e.g. `zh-Hant-TW`.
    ///
    /// ```
    /// assert_eq!(zhnorm::Variant::Hans.bcp47(), "zh-Hans");
    /// ```
    pub fn bcp47(self) -> &'static str {
        match self {
            Variant::Hans => "zh-Hans",
            Variant::Hant => "zh-Hant",
            Variant::Cn => "zh-Hans-CN",
            Variant::Tw => "zh-Hant-TW",
            Variant::Hk => "zh-Hant-HK",
            Variant::Mo => "zh-Hant-MO",
            Variant::Sg => "zh-Hans-SG",
            Variant::My => "zh-Hans-MY",
        }
    }
}

impl FromStr for Variant {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let norm = s.trim().to_ascii_lowercase().replace('_', "-");
        let short = norm.strip_prefix("zh-").unwrap_or(&norm);
        let v = match short {
            "hans" => Variant::Hans,
            "hant" => Variant::Hant,
            "cn" | "hans-cn" => Variant::Cn,
            "tw" | "hant-tw" => Variant::Tw,
            "hk" | "hant-hk" => Variant::Hk,
            "mo" | "hant-mo" => Variant::Mo,
            "sg" | "hans-sg" => Variant::Sg,
            "my" | "hans-my" => Variant::My,
            _ => return Err(Error::unknown_variant(s)),
        };
        Ok(v)
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
