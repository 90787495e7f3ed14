//! 軟體的入口。
fn main() {
    let 变量 = "軟體"; // 註釋
    let raw = r#"原始字符串 "網路""#;
    let c = '发';
    let t = "繁體：軟體"; // 繁體註解
    // zhnorm-disable-next-line
    let kept = "保持简体";
    println!("{变量} {raw} {c} {kept} 後來");
}
