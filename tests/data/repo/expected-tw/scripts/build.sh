#!/bin/sh
# 構建腳本：打包軟體
NAME="軟體"
echo "正在打包 ${NAME} 到 $DIR 網路目錄"
echo '完成：後來'
cat <<EOF2
幫助信息：打開文件
EOF2
echo "繁體：網路" # 繁體註解
echo "保持简体" # zhnorm-disable-line
