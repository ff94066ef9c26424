#!/bin/sh
# fixture program home/alice/bin/start-agent.sh
