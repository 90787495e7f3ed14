//! OpenCC config files (`dictionaries/opencc/config/*.json`) as dictionary trees.

use std::fs;
use std::path::Path;

use crate::tree::{Node, Policy};

/// One OpenCC config.
pub(crate) struct Config {
    /// The file stem (`s2twp`).
    pub name: String,
    /// The config's `name` field.
    pub title: String,
    pub normalization: Vec<Node>,
    /// The `mmseg` segmentation dictionary.
    pub segmentation: Option<Node>,
    /// The conversion chain's dictionaries, in order.
    pub stages: Vec<Node>,
}

impl Config {
    /// Reads the config at `path`.
    ///
    /// # Panics
    ///
    /// When the file cannot be read or holds something OpenCC 1.4.2's configs do not.
    pub fn load(path: &Path) -> Config {
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        let text = fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read config {}: {e}", path.display()));
        let json: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Config::parse(name, &json)
    }

    /// Reads a config from its JSON.
    pub fn parse(name: String, json: &serde_json::Value) -> Config {
        let title = json["name"].as_str().unwrap_or("").to_string();
        let normalization = json["normalization"]
            .as_array()
            .map(|ns| ns.iter().map(|n| parse_node(&n["dict"], &name)).collect())
            .unwrap_or_default();
        let segmentation = json["segmentation"].is_object().then(|| {
            let s = &json["segmentation"];
            assert_eq!(
                s["type"].as_str(),
                Some("mmseg"),
                "{name}: unsupported segmentation"
            );
            parse_node(&s["dict"], &name)
        });
        let stages = json["conversion_chain"]
            .as_array()
            .expect("conversion_chain")
            .iter()
            .map(|c| parse_node(&c["dict"], &name))
            .collect();
        Config {
            name,
            title,
            normalization,
            segmentation,
            stages,
        }
    }
}

/// A dictionary of a config (`cfg` names the config in errors). Binary dictionaries
/// (`.ocd2`, `.ocd`) are read from the text files they are built from.
fn parse_node(v: &serde_json::Value, cfg: &str) -> Node {
    match v["type"].as_str() {
        Some("text") | Some("ocd2") | Some("ocd") => {
            let file = v["file"]
                .as_str()
                .unwrap_or_else(|| panic!("{cfg}: dict without file"));
            Node::Text(file.replace(".ocd2", ".txt").replace(".ocd", ".txt"))
        }
        Some("group") => {
            let policy = match v["match_policy"].as_str() {
                Some("union") => Policy::Union,
                Some("short_circuit") | None => Policy::ShortCircuit,
                Some(other) => panic!("{cfg}: unknown match_policy {other:?}"),
            };
            let dicts = v["dicts"]
                .as_array()
                .unwrap_or_else(|| panic!("{cfg}: group without dicts"));
            Node::Group(policy, dicts.iter().map(|d| parse_node(d, cfg)).collect())
        }
        other => panic!("{cfg}: unsupported dictionary type {other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::opencc;

    #[test]
    fn s2twp_is_read_as_opencc_describes_it() {
        let c = Config::load(&opencc().join("config/s2twp.json"));
        assert_eq!(c.name, "s2twp");
        let norm: Vec<String> = c.normalization.iter().map(Node::signature).collect();
        assert_eq!(norm, ["CJK_Compatibility_Ideographs.txt"]);
        assert_eq!(
            c.segmentation.unwrap().signature(),
            "[STPhrases.txt | STPhrases_GeneratedFromRegionalPhrases.txt]"
        );
        let stages: Vec<String> = c.stages.iter().map(Node::signature).collect();
        assert_eq!(
            stages,
            [
                "[[STPhrases.txt | STPhrases_GeneratedFromRegionalPhrases.txt] + STCharacters.txt]",
                "[TWPhrases.txt + TWVariantsPhrases.txt + TWVariants.txt]",
            ]
        );
    }

    #[test]
    #[should_panic(expected = "x: unknown match_policy")]
    fn unknown_policies_are_refused() {
        let json = serde_json::json!({"conversion_chain": [{"dict": {
            "type": "group", "match_policy": "longest", "dicts": []}}]});
        Config::parse("x".into(), &json);
    }
}
