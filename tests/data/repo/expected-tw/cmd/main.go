package main

// 主程序：網路服務
func main() {
	变量 := "軟體"
	原始 := `原始字符串：記憶體`
	繁 := "記憶體" // 繁體註解
	r := '发'
	println(变量, 原始, r)
}
