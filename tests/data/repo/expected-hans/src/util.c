/* 工具函数：内存管理 */
#include <stdio.h>
static const char *消息 = "打开文件"; // 注释：软件
static const char *繁 = "开启档案"; /* 繁体 */
char c = 'x';
