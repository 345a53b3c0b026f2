#!/usr/bin/env bash
# Creates tools/keras-golden/.venv (gitignored) with the exact pins in requirements.txt, if it is missing.
# Usage: tools/keras-golden/setup.sh            (PYTHON=python3.11 to choose the interpreter)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
py="${PYTHON:-python3}"
export KERAS_BACKEND=jax  # keras defaults to tensorflow, which is not installed
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import keras, jax, h5py; assert keras.__version__ == "3.15.1"' 2>/dev/null; then
  echo "keras-golden: $venv is ready (keras 3.15.1)"
  exit 0
fi
echo "keras-golden: creating $venv with $("$py" --version)"
"$py" -m venv "$venv"
"$venv/bin/pip" install --disable-pip-version-check -q -r "$here/requirements.txt"
"$venv/bin/python" -c 'import keras, jax; print("keras-golden: keras", keras.__version__, "jax", jax.__version__)'
