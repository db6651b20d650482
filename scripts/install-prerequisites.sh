#!/usr/bin/env bash
# Installs what the AppHost runs as local processes: PostgreSQL, Redis and RabbitMQ from Debian's packages, and
# s3rver from npm under .tools/; Debian's chromium, the browser the web apps' tests drive through Playwright; and
# Debian's python3-aiosmtpd, the SMTP server the alerting tests deliver e-mail to. Idempotent and silent when everything
# is there; run as root or through sudo.
# The packages must not start system-wide servers: the AppHost runs its own instances on its own ports.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
compgen -G "/usr/lib/postgresql/*/bin/postgres" > /dev/null || missing+=(postgresql)
command -v redis-server > /dev/null || missing+=(redis-server)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
command -v npm > /dev/null || missing+=(nodejs npm)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -f /usr/lib/python3/dist-packages/aiosmtpd/__init__.py ] || missing+=(python3-aiosmtpd)

if (( ${#missing[@]} > 0 )); then
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo > /dev/null || { echo "install-prerequisites: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
        sudo=(sudo)
    fi
    echo "install-prerequisites: installing ${missing[*]}"

    # policy-rc.d answering 101 tells invoke-rc.d and deb-systemd-invoke not to start the packages' services.
    # Add one only for the duration of the install, and only if the machine has none of its own.
    policy=/usr/sbin/policy-rc.d
    if [ ! -e "$policy" ]; then
        "${sudo[@]}" sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
        trap '"${sudo[@]}" rm -f "$policy"' EXIT
    fi

    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi

if [ ! -f .tools/node_modules/s3rver/bin/s3rver.js ]; then
    echo "install-prerequisites: installing s3rver into .tools/"
    npm install --prefix .tools --no-audit --no-fund --loglevel=error s3rver@3.7.1 > /dev/null
fi
