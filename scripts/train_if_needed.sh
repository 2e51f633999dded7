#!/usr/bin/env bash
# Train only when config, domain, data or catalogue changed (model keyed by their hash).
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED=false
model=$(.venv/rasa/bin/python -m stack.model_key --path)
if [ -f "$model" ]; then
  echo "==> model up to date: $model"
  exit 0
fi
echo "==> training $model"
started=$SECONDS
mkdir -p models
.venv/rasa/bin/rasa train --config config.yml --domain domain.yml --data data \
  --out models --fixed-model-name "$(basename "$model" .tar.gz)" --quiet
echo "==> trained in $((SECONDS - started)) s"
# The bench script reports it (training time is a figure, never an assertion).
mkdir -p build/results
echo "{\"model\": \"$(basename "$model")\", \"seconds\": $((SECONDS - started))}" > build/results/training.json
# Keep the two newest models; older ones only fill the disk.
ls -1t models/signaal-*.tar.gz 2>/dev/null | tail -n +3 | xargs -r rm -f
