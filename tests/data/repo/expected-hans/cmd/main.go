package main

// 主程序：网络服务
func main() {
	变量 := "软件"
	原始 := `原始字符串：内存`
	繁 := "记忆体" // 繁体注解
	r := '发'
	println(变量, 原始, r)
}
