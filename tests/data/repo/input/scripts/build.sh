#!/bin/sh
# 构建脚本：打包软件
NAME="软件"
echo "正在打包 ${NAME} 到 $DIR 网络目录"
echo '完成：后来'
cat <<EOF2
帮助信息：打开文件
EOF2
echo "繁體：網路" # 繁體註解
echo "保持简体" # zhnorm-disable-line
