package com.example;

/** 主类：软件入口 */
public class Main {
    static final String 标题 = "软件设置";
    static final String 块 = """
        文本块：网络
        """;
    static final String 繁 = "网路设定"; // 繁体注解
    char c = '发';
}
