/* 工具函数：内存管理 */
#include <stdio.h>
static const char *消息 = "打开文件"; // 注释：软件
static const char *繁 = "開啟檔案"; /* 繁體 */
char c = 'x';
