#!/bin/sh
# Cuts @fontsource's Noto Naskh Arabic to what Hirfa's pages use (decision 007): the Arabic
# block, Latin punctuation and spaces, joiners and marks; every OpenType feature kept, so
# shaping (initial/medial/final forms, ligatures, marks) is untouched.
# Needs fontTools with brotli (Debian: apt-get install python3-fonttools python3-brotli).
# The outputs are committed: the build does not need fontTools.
set -eu
src=node_modules/@fontsource/noto-naskh-arabic/files
out=app/styles/fonts
for weight in 400 700; do
  python3 -m fontTools.subset "$src/noto-naskh-arabic-arabic-$weight-normal.woff2" \
    --unicodes="U+0020-007E,U+00A0,U+0600-06FF,U+200C-200F,U+2010-2011,U+2013-2014,U+2018-201D,U+2026,U+FD3E-FD3F" \
    --layout-features='*' --flavor=woff2 \
    --output-file="$out/noto-naskh-arabic-$weight-arabic-core.woff2"
done
ls -l "$out"
