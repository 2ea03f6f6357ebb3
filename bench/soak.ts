/**
 * Soak test (to be written): `npm run --silent soak -- --seconds N --connections C`.
 */
process.stderr.write('soak: not written yet\n')
process.exit(2)
