package com.example;

/** 主类：软件入口 */
public class Main {
    static final String 标题 = "软件设置";
    static final String 块 = """
        文本块：网络
        """;
    static final String 繁 = "網路設定"; // 繁體註解
    char c = '发';
}
