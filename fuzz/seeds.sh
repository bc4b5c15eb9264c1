#!/usr/bin/env bash
# Builds the seed corpus of every fuzz target, fuzz/corpus/<target>/, from testdata/.
# Idempotent; libFuzzer adds what it finds next to the seeds. Pattern seeds need jq.
set -euo pipefail
cd "$(dirname "$0")"
td=../testdata
for t in tf tf_json plan_json cfn_yaml cfn_json filter_pattern event_pattern config suppressions; do
    mkdir -p "corpus/$t"
done
# A file's seed name: its path, flattened.
name() { echo "${1#"$td"/}" | tr '/' '_'; }

while IFS= read -r -d '' f; do
    case "$f" in
        *.tf.json) cp "$f" "corpus/tf_json/$(name "$f")" ;;
        *.tf) cp "$f" "corpus/tf/$(name "$f")" ;;
        */.blindspot.yml) cp "$f" "corpus/config/$(name "$f")" ;;
        *.yaml | *.yml) cp "$f" "corpus/cfn_yaml/$(name "$f")" ;;
        *.json | *.template)
            case "$f" in "$td"/schemas/*) continue ;; esac
            if grep -q '"planned_values"\|"resource_changes"' "$f"; then
                cp "$f" "corpus/plan_json/$(name "$f")"
            elif grep -q '"Resources"' "$f"; then
                cp "$f" "corpus/cfn_json/$(name "$f")"
            fi
            ;;
    esac
done < <(find "$td" -type f -print0 | sort -z)

# Whole scans with suppressions: first byte 0 = .tf, 1 = YAML, 2 = JSON.
while IFS= read -r -d '' f; do
    case "$f" in
        *.tf) k='\x00' ;;
        *.yaml | *.yml) k='\x01' ;;
        *.json) k='\x02' ;;
        *) continue ;;
    esac
    { printf "$k"; cat "$f"; } > "corpus/suppressions/$(name "$f")"
done < <(find "$td/suppressions" "$td"/rules/SUP-* "$td/demo" -type f -print0 | sort -z)

printf '' > corpus/config/empty
printf 'rules: [CT-01]\nskip: [MON-01]\nexclude: ["**/x/*"]\nseverity: {CT-01: low}\nmin_retention_days: 400\n' > corpus/config/inline
printf '{ $.eventName = "ConsoleLogin" && $.errorCode = "*Denied*" }' > corpus/filter_pattern/inline-json
printf '[ip, user, ..., status_code = 4*, bytes > 1000]' > corpus/filter_pattern/inline-delimited
printf '"ERROR" -"DEBUG" ?Exception' > corpus/filter_pattern/inline-terms
printf '%%AccessDenied|Unauthorized%%' > corpus/filter_pattern/inline-regex
printf '{"source":["aws.cloudtrail"],"detail":{"eventName":[{"prefix":"Stop"},{"anything-but":["x"]}],"n":[{"numeric":[">",0,"<=",5]}],"sourceIPAddress":[{"cidr":"10.0.0.0/8"}]}}' > corpus/event_pattern/inline

if command -v jq >/dev/null; then
    for f in $(grep -rl '"FilterPattern"\|"EventPattern"' "$td" --include='*.json' | sort); do
        n=$(name "$f")
        i=0
        while IFS= read -r p; do
            printf '%s' "$p" > "corpus/filter_pattern/$n-$i"
            i=$((i + 1))
        done < <(jq -r '.. | objects | .FilterPattern? // empty | strings' "$f" 2>/dev/null || true)
        i=0
        while IFS= read -r p; do
            printf '%s' "$p" > "corpus/event_pattern/$n-$i"
            i=$((i + 1))
        done < <(jq -c '.. | objects | .EventPattern? // empty | if type == "string" then fromjson? // . else . end' "$f" 2>/dev/null || true)
    done
else
    echo "seeds.sh: jq not found; pattern targets start from the inline seeds only" >&2
fi
