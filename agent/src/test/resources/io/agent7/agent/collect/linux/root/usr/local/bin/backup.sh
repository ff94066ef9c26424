#!/bin/sh
# fixture program usr/local/bin/backup.sh
