#!/usr/bin/env bash
# Runs inside the graded image for one submission (gradescope_local.sh mounts it): lays out
# /autograder/submission like Gradescope, runs run_autograder, then looks at the container:
# is results.json still the grader's 3 s later, does any process of another uid survive, what
# isolation level does the grader report. Writes /mnt/out/{results.json,after.json}.
set -u
mkdir -p /autograder/submission /autograder/results
cp -r /mnt/submission/. /autograder/submission/
if [ -f /autograder/submission/submission_metadata.json ]; then
  mv /autograder/submission/submission_metadata.json /autograder/submission_metadata.json
fi
# a service of the grader's side on the loopback (the network attack tries to reach it)
python3 -m http.server --bind 127.0.0.1 8765 >/dev/null 2>&1 &
server=$!
sleep 0.5
started=$(date +%s.%N)
bash /autograder/source/run_autograder >/mnt/out/run_autograder.log 2>&1
status=$?
ended=$(date +%s.%N)
kill "$server" 2>/dev/null
cp /autograder/results/results.json /mnt/out/results.json 2>/dev/null
sum_at_exit=$(sha256sum </autograder/results/results.json 2>/dev/null | cut -c1-64)
sleep 3
sum_later=$(sha256sum </autograder/results/results.json 2>/dev/null | cut -c1-64)
others=$(ps -eo uid=,pid=,args= | awk '$1 != 0' | head -20 | tr '\n' ';' | tr -d '"\\')
level=$(/autograder/venv/bin/python -c "from autograder.sandbox.isolation import status; s = status(); print(s.level)" 2>&1 | tail -1)
why=$(/autograder/venv/bin/python -c "from autograder.sandbox.isolation import status; print(status().why)" 2>&1 | tail -1 | tr -d '"\\')
leftovers=$(find /tmp /var/tmp /dev/shm -mindepth 1 -maxdepth 1 ! -user 0 2>/dev/null | head -20 | tr '\n' ';')
cat >/mnt/out/after.json <<JSON
{"exit_status": $status,
 "seconds": $(python3 -c "print(round($ended - $started, 2))"),
 "results_unchanged_3s_after_exit": $([ -n "$sum_at_exit" ] && [ "$sum_at_exit" = "$sum_later" ] && echo true || echo false),
 "processes_of_other_uids": "$others",
 "files_left_by_other_uids": "$leftovers",
 "isolation_level": "$level",
 "isolation_why": "$why"}
JSON
