/**
 * @module
 * English texts: Akimat architecture import and export (XLSX, CSV, ArchiMate, Backstage). Keys are defined here; akimat-exchange.kk.ts and akimat-exchange.ru.ts must have every one,
 * with the same `{param}` placeholders.
 */
export const akimatExchangeEn = {
  'akimat.exchange.error.tooLarge':
    'The file is {size} MiB; at most {limit} MiB are accepted. Upload the workbook as exported, without pictures or extra sheets.',
  'akimat.exchange.error.notXlsx':
    'This is not an Excel workbook (XLSX), whatever its name. Download the architecture as XLSX, fill it in and upload that file.',
  'akimat.exchange.error.notWorkbook':
    'This is a ZIP archive or another document (such as Word), not an Excel workbook (XLSX).',
  'akimat.exchange.error.unpacked':
    'Unpacked, the workbook would take {size} MiB; at most {limit} MiB are read. Upload the workbook as exported.',
  'akimat.exchange.error.unreadable':
    'The workbook cannot be read ({detail}). Save it again as XLSX.',
  'akimat.exchange.error.noSheet':
    'The workbook has no sheet “{sheet}” (its sheets: {sheets}). Upload a workbook exported from e-akimat.',
  'akimat.exchange.error.columns':
    'The sheet “{sheet}” lacks the columns {columns}. Their headers must stay in the first row, as exported.',
  'akimat.exchange.error.tooManyRows': 'The sheet has {count} rows; at most {limit} are read.',
  'akimat.exchange.error.noRows': 'The sheet “{sheet}” has no rows to import.',
  'akimat.exchange.error.rejected':
    'The file has {count} problem(s); nothing was saved. Correct the rows named and upload it again.',
  'akimat.exchange.error.noFile': 'Choose the XLSX file to upload.',
  'akimat.exchange.problem.keyMissing': 'The row has no function key (column “key”).',
  'akimat.exchange.problem.required': 'The cell is empty; fill it in.',
  'akimat.exchange.problem.performed': '“{value}” is neither yes nor no.',
  'akimat.exchange.problem.whole': '“{value}” is not a whole number.',
  'akimat.exchange.problem.cellError': 'The cell holds the error {value}.',
  'akimat.exchange.problem.systemName':
    'The catalogue has no information system named “{value}” (see the sheet Systems).',
  'akimat.exchange.problem.systemAmbiguous':
    '“{value}” names several systems ({ids}); write the system id.',
  'akimat.exchange.problem.systemMismatch':
    'The system id {id} and the system name “{value}” do not match; change or clear one of them.',
  'akimat.exchange.problem.objectCode':
    'There is no registry object with the code “{value}” that you may see.',
  'akimat.exchange.problem.objectMismatch':
    'The object id {id} and the object code “{value}” do not match; change or clear one of them.',
  'akimat.exchange.about.value': 'Value',
  'akimat.exchange.about.nameKk': 'Akimat (in Kazakh)',
  'akimat.exchange.about.nameRu': 'Akimat (in Russian)',
  'akimat.exchange.about.bin': 'BIN',
  'akimat.exchange.about.level': 'Level (region, district, rural)',
  'akimat.exchange.about.kato': 'KATO code',
  'akimat.exchange.about.typicalAt': 'Typical set as in force on',
  'akimat.exchange.about.asOf': 'Decisions as at',
  'akimat.exchange.about.exportedAt': 'Exported at',
  'akimat.exchange.about.functions': 'Functions',
  'akimat.exchange.about.howTo':
    'How to fill in: change only the yellow columns of the sheet Architecture, one row per function; do not rename the column headers. Upload the workbook on the akimat’s page “Import and export”: every row is checked, and either all rows are saved or, when any row has a problem, none. Rows you delete stay as they are in e-akimat.',
  'akimat.exchange.about.column': 'Column',
  'akimat.exchange.about.read': 'Read on import',
  'akimat.exchange.about.read.yes': 'yes',
  'akimat.exchange.about.read.no': 'no',
  'akimat.exchange.about.read.fallback': 'when the id is empty',
  'akimat.exchange.column.key':
    'The function’s key: architecture (act), section and row number (158:1.27). Identifies the row.',
  'akimat.exchange.column.section': 'Section of Appendix 1: 1 region, 2 district, 3 rural akimats.',
  'akimat.exchange.column.number': 'Row number in the section.',
  'akimat.exchange.column.group': 'The group of functions, as printed.',
  'akimat.exchange.column.function': 'The function, as printed in the act.',
  'akimat.exchange.column.language': 'The language the row is printed in (kk or ru).',
  'akimat.exchange.column.recommended':
    'The systems the row names: paragraph 9.1 says to use them where they exist.',
  'akimat.exchange.column.printedLevels':
    'The automation levels the row prints, with their text; without any, the highest level is 1.',
  'akimat.exchange.column.performed': 'Whether the akimat performs the function: yes or no.',
  'akimat.exchange.column.systemId':
    'The catalogue’s information system that automates it (an id from the sheet Systems).',
  'akimat.exchange.column.systemName':
    'The system’s name; read only when the system id is empty (a name or an alias).',
  'akimat.exchange.column.objectId':
    'Or the registry object (usually the akimat’s own system) that automates it: its number.',
  'akimat.exchange.column.objectCode':
    'The object’s accounting code; read only when the object id is empty.',
  'akimat.exchange.column.objectName': 'The object’s name in Kazakh (for reading).',
  'akimat.exchange.column.level':
    'The automation level reached: 0 not automated, up to the highest printed level.',
  'akimat.exchange.column.targetLevel':
    'The level chosen as the target (paragraph 9.3), one of the printed levels; empty means the highest.',
  'akimat.exchange.column.note': 'A note (at most 2,000 characters).',
  'akimat.exchange.column.status':
    'The status by paragraph 9 when exported: not-performed, not-automated, non-recommended, below-level or ok.',
  'akimat.exchange.column.issues': 'Every issue found, worst first.',
  'akimat.exchange.column.decidedAt': 'When the decision was recorded (empty: never decided).',
  'akimat.exchange.column.act': 'The act the row version was read from.',
  'akimat.exchange.column.lines': 'The lines of the act the row was read from.',
  'akimat.exchange.archimate.name': '{name}: architecture (KATO {kato})',
  'akimat.exchange.archimate.documentation':
    'The akimat’s architecture as at {asOf}: the functions it performs of the typical set in force on {typicalAt}, the information systems and registry objects that automate them, and the information resources they use.',
  'akimat.exchange.archimate.object': 'Registry object {id}',
  'akimat.exchange.property.key': 'Function key',
  'akimat.exchange.property.level': 'Automation level reached',
  'akimat.exchange.property.targetLevel': 'Target automation level',
  'akimat.exchange.property.status': 'Status (paragraph 9)',
  'akimat.exchange.property.kato': 'KATO code',
  'akimat.exchange.property.typicalAt': 'Typical set as in force on',
  'akimat.exchange.property.asOf': 'Decisions as at',
  'akimat.exchange.property.objectId': 'Registry object number',
  'akimat.exchange.property.objectCode': 'Accounting code',
  'akimat.exchange.backstage.registry': 'Owners of registry objects',
  'akimat.exchange.pages.title': 'Import and export',
  'akimat.exchange.pages.intro':
    'Download the akimat’s architecture to work on it in a spreadsheet or a modelling tool; its editors upload the filled-in workbook back.',
  'akimat.exchange.pages.notAdopted':
    'The akimat has not adopted the typical set yet, so there is nothing to export.',
  'akimat.exchange.pages.download.title': 'Download',
  'akimat.exchange.pages.download.xlsx':
    'Excel workbook (XLSX): the sheet to fill in and upload back, with the systems to choose from',
  'akimat.exchange.pages.download.csv': 'CSV (UTF-8), the same columns',
  'akimat.exchange.pages.download.archimate': 'ArchiMate model exchange file (XML)',
  'akimat.exchange.pages.download.backstage': 'Backstage catalogue entities (catalog-info.yaml)',
  'akimat.exchange.pages.download.asOf':
    'The files hold the decisions in force now and the typical set as in force on {typicalAt} ({functions} functions).',
  'akimat.exchange.pages.upload.title': 'Upload a filled-in workbook',
  'akimat.exchange.pages.upload.intro':
    'Only the yellow columns of the sheet Architecture are read: performed, system id (or the system name), object id (or the object code), level, target level and note. Either every row is saved or, when any row has a problem, none. At most 5 MiB and 5,000 rows.',
  'akimat.exchange.pages.upload.file': 'Workbook (XLSX)',
  'akimat.exchange.pages.upload.submit': 'Upload and import',
  'akimat.exchange.pages.upload.readOnly':
    'Only the akimat’s editors and administrators upload a workbook.',
  'akimat.exchange.pages.done': 'Imported: {rows} rows read, {changed} functions changed.',
  'akimat.exchange.pages.problems.title': 'The workbook was not imported',
  'akimat.exchange.pages.problems.intro':
    '{count} problem(s) found; nothing was saved. Correct these rows and upload the workbook again.',
  'akimat.exchange.pages.problems.more': '… and {count} more problem(s), not listed.',
  'akimat.exchange.pages.column.row': 'Row',
  'akimat.exchange.pages.column.column': 'Column',
  'akimat.exchange.pages.column.key': 'Function',
  'akimat.exchange.pages.column.message': 'Problem',
} as const
