/* 工具函數：記憶體管理 */
#include <stdio.h>
static const char *消息 = "打開文件"; // 註釋：軟體
static const char *繁 = "開啟檔案"; /* 繁體 */
char c = 'x';
