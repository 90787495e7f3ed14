package com.example;

/** 主類：軟體入口 */
public class Main {
    static final String 标题 = "軟體設置";
    static final String 块 = """
        文本塊：網路
        """;
    static final String 繁 = "網路設定"; // 繁體註解
    char c = '发';
}
