// 应用入口：鼠标事件
const 变量: string = `打开 ${变量名} 软件`;
const re = /网络/g; /* 块注释：内存 */
const 繁 = "軟體設定"; // 繁體註解
export const 标题 = '软件设置';
