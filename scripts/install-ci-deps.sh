#!/usr/bin/env bash
# Installs the system packages the CI tests need (Debian, as root):
#   prometheus - the stack checks run `promtool check config` and a real Prometheus against kube-sim;
#   chromium   - the browser checks drive Debian's Chromium with playwright-core;
#   kubectl    - tests run the real kubectl against kube-sim (Debian's kubernetes-client when the image has none);
#   python3-kubernetes - tests run the Python kubernetes client against kube-sim (tools/real-clients). apt puts
#                it under Debian's /usr/bin/python3, which the tests use when the python3 on PATH lacks it.
# Idempotent: installs only what is missing and prints what it installs.
set -euo pipefail

missing=()
command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)
python3 -c 'import kubernetes' >/dev/null 2>&1 || /usr/bin/python3 -c 'import kubernetes' >/dev/null 2>&1 ||
  missing+=(python3-kubernetes)

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-ci-deps: nothing to install"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-ci-deps: ${missing[*]} missing; run this script as root (it uses apt-get), or install them yourself" >&2
  exit 1
fi

echo "install-ci-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# policy-rc.d exit code 101 keeps the package's maintainer scripts from starting a Prometheus daemon
# (which would listen on all interfaces); the tests start their own on 127.0.0.1.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  created_policy=1
fi
trap 'if [ "$created_policy" -eq 1 ]; then rm -f "$policy"; fi' EXIT
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-ci-deps: installed ${missing[*]}"
