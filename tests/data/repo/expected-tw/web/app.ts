// 應用入口：滑鼠事件
const 变量: string = `打開 ${变量名} 軟體`;
const re = /网络/g; /* 塊註釋：記憶體 */
const 繁 = "軟體設定"; // 繁體註解
export const 标题 = '軟體設置';
