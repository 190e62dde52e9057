#!/usr/bin/env bash
# Keep one open issue per review stage, labelled "review: <stage>", whose
# text is that stage's list from `signpost review --format markdown`.
# Run by .github/workflows/review.yml with GH_TOKEN set; needs the gh command.
set -euo pipefail

declare -A TITLES=(
  [very-overdue]="Activities very overdue a check"
  [overdue]="Activities overdue a check"
  [due]="Activities due a check"
)
# GitHub takes at most 65,536 characters in an issue's text.
LIMIT=60000

body=$(mktemp)
trap 'rm -f "$body"' EXIT

for stage in very-overdue overdue due; do
  label="review: $stage"
  gh label create "$label" --color FBCA04 --description "Kept up to date every day by the review workflow" --force >/dev/null
  count=$(signpost review --stage "$stage" --format json | python -c 'import json, sys; print(len(json.load(sys.stdin)))')
  signpost review --stage "$stage" --format markdown >"$body"
  if [ "$(wc -c <"$body")" -gt "$LIMIT" ]; then
    head -c "$LIMIT" "$body" >"$body.cut"
    # shellcheck disable=SC2016  # the backticks are Markdown, not a command
    printf '\n\n**The list is cut short here.** Run `make review` or `signpost review --stage %s` for all of it.\n' "$stage" >>"$body.cut"
    mv "$body.cut" "$body"
  fi
  number=$(gh issue list --label "$label" --state open --limit 1 --json number --jq '.[0].number // empty')
  if [ "$count" -gt 0 ]; then
    title="${TITLES[$stage]} ($count)"
    if [ -n "$number" ]; then
      gh issue edit "$number" --title "$title" --body-file "$body"
    else
      gh issue create --title "$title" --label "$label" --body-file "$body"
    fi
  elif [ -n "$number" ]; then
    gh issue close "$number" --comment "Nothing is at this stage now: every activity that was here has been checked."
  fi
done
