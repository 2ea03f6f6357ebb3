#!/usr/bin/env bash
# Makes the test files of src/files (test/fixtures/files/). Run it once by hand when a fixture has
# to change, check the result, and commit the files: the tests and CI use the committed files and
# need none of these tools.
#
# Needs (Debian 12 packages): ghostscript, qpdf, poppler-utils (pdfinfo, pdffonts, for the checks
# printed at the end), libreoffice-writer-nogui, fonts-dejavu-core, zip; and `npm ci` done (the
# JavaScript fixture is made with pdf-lib, a dependency of the project).
#
# What it makes:
#   valid-pdfa1b.pdf  one page of Kazakh and Russian text, PDF/A-1b by Ghostscript (fonts embedded,
#                     sRGB output intent, XMP with pdfaid:part 1)
#   plain.pdf         the same page as LibreOffice writes it: an ordinary PDF, not PDF/A
#   encrypted.pdf     plain.pdf encrypted with AES-256 by qpdf (user password "user")
#   javascript.pdf    plain.pdf with an /OpenAction that runs JavaScript (added with pdf-lib)
#   valid.docx        the same text as a Word document, saved by LibreOffice
#   renamed-zip.docx  a zip of a text file, named .docx
#   renamed-pdf.docx  plain.pdf, named .docx
#   not-a-pdf.pdf     a PNG picture, named .pdf
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/test/fixtures/files"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

for tool in gs qpdf pdfinfo pdffonts soffice zip node; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done

GS_VERSION="$(gs --version)"
GS_LIB_DIR="/usr/share/ghostscript/$GS_VERSION"
ICC="$GS_LIB_DIR/iccprofiles/srgb.icc"
[[ -f "$ICC" && -f "$GS_LIB_DIR/lib/PDFA_def.ps" ]] || {
  echo "cannot find Ghostscript's PDFA_def.ps and srgb.icc under $GS_LIB_DIR" >&2
  exit 1
}

# 1. The source: a flat OpenDocument text set in DejaVu Sans, which has every Kazakh letter.
cat >"$WORK/document.fodt" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
  xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
  office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
  <office:font-face-decls>
    <style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'"
      style:font-family-generic="swiss" style:font-pitch="variable"/>
  </office:font-face-decls>
  <office:styles>
    <style:default-style style:family="paragraph">
      <style:paragraph-properties fo:margin-bottom="0.2cm"/>
      <style:text-properties style:font-name="DejaVu Sans" fo:font-size="12pt"
        style:font-name-complex="DejaVu Sans" fo:language="kk" fo:country="KZ"/>
    </style:default-style>
  </office:styles>
  <office:body>
    <office:text>
      <text:h text:outline-level="1">Техникалық құжат / Техническая документация</text:h>
      <text:p>Ақпараттандыру объектісінің техникалық тапсырмасы.</text:p>
      <text:p>Қазақ әліпбиінің әріптері: ә ғ қ ң ө ұ ү һ і — Ә Ғ Қ Ң Ө Ұ Ү Һ І.</text:p>
      <text:p>Техническое задание на создание объекта информатизации местного исполнительного органа.</text:p>
    </office:text>
  </office:body>
</office:document>
XML

# LibreOffice with its own profile, so that it does not meet a running instance.
lo() {
  soffice "-env:UserInstallation=file://$WORK/lo-profile" --headless --norestore "$@" >/dev/null
}
lo --convert-to pdf --outdir "$WORK" "$WORK/document.fodt"
lo --convert-to docx:"MS Word 2007 XML" --outdir "$WORK" "$WORK/document.fodt"
cp "$WORK/document.pdf" "$OUT/plain.pdf"
cp "$WORK/document.docx" "$OUT/valid.docx"

# 2. PDF/A-1b: Ghostscript's own PDFA_def.ps, pointed at its sRGB profile.
sed -e "s|(srgb.icc)|($ICC)|" -e 's|(Title)|(Technical document)|' \
  "$GS_LIB_DIR/lib/PDFA_def.ps" >"$WORK/PDFA_def.ps"
gs -q -dBATCH -dNOPAUSE -dSAFER -dPDFA=1 -dPDFACompatibilityPolicy=1 -dNOOUTERSAVE \
  -sColorConversionStrategy=RGB -sDEVICE=pdfwrite "--permit-file-read=$ICC" \
  -o "$OUT/valid-pdfa1b.pdf" "$WORK/PDFA_def.ps" "$OUT/plain.pdf"

# 3. Encrypted (AES-256; qpdf 11).
qpdf --encrypt user owner 256 -- "$OUT/plain.pdf" "$OUT/encrypted.pdf"

# 4. JavaScript run when the document opens.
(cd "$ROOT" && node --input-type=module - "$OUT/plain.pdf" "$OUT/javascript.pdf") <<'JS'
import { readFileSync, writeFileSync } from 'node:fs'
import { PDFDocument, PDFName, PDFString } from 'pdf-lib'
const [input, output] = process.argv.slice(2)
const doc = await PDFDocument.load(readFileSync(input), { updateMetadata: false })
const action = doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert("fixture")') })
doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action))
writeFileSync(output, await doc.save({ useObjectStreams: false, updateFieldAppearances: false }))
JS

# 5. Look-alikes: a zip of a text file, a PDF and a PNG under the wrong names.
printf 'Бұл Word құжаты емес.\n' >"$WORK/readme.txt"
(cd "$WORK" && zip -q -X renamed.zip readme.txt)
cp "$WORK/renamed.zip" "$OUT/renamed-zip.docx"
cp "$OUT/plain.pdf" "$OUT/renamed-pdf.docx"
gs -q -dBATCH -dNOPAUSE -dSAFER -sDEVICE=png16m -r10 -o "$OUT/not-a-pdf.pdf" "$OUT/plain.pdf"

# 6. Show what was made, for the person running this to check.
echo "== valid-pdfa1b.pdf"
pdfinfo "$OUT/valid-pdfa1b.pdf" | grep -E '^(PDF version|Pages|Encrypted)'
pdffonts "$OUT/valid-pdfa1b.pdf"
grep -a -o -E 'pdfaid:(part|conformance)[^<]{0,4}[^ ]{0,4}' "$OUT/valid-pdfa1b.pdf" | head -4 || true
grep -a -c '/GTS_PDFA1' "$OUT/valid-pdfa1b.pdf" || true
echo "== plain.pdf"
pdfinfo "$OUT/plain.pdf" | grep -E '^(PDF version|Pages)'
pdffonts "$OUT/plain.pdf"
echo "== encrypted.pdf"
pdfinfo -upw user "$OUT/encrypted.pdf" | grep -E '^(Encrypted|Pages)'
ls -l "$OUT"
