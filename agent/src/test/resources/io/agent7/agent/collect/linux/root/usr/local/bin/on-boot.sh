#!/bin/sh
# fixture program usr/local/bin/on-boot.sh
