// CSV import in two steps: the gateway checks the whole file without writing (dry run) and every
// row it rejects is shown beside that row; only a file that passed, unchanged since, can be
// imported. The text stays editable here, so a bad row can be fixed in place and checked again.
// A chosen file is decoded here (UTF-8, else GBK/GB18030 as Chinese Excel saves it) and what was
// read is shown before anything is checked; text with undecodable characters is never sent.
// An .xlsx is read here too (xlsx-read.ts) into the same CSV text. A file with bad rows can be
// imported anyway by an explicit choice (the valid rows only, the rest skipped), and its problems
// downloaded as a file; the template carries the tenant's own apps. Rows with provision yes create
// their seats in TCCC: the check says how many, and after the import the job's progress shows here.
import {
  type AppView,
  decodeCsvBytes,
  unreadableCharacters,
  type CsvEncoding,
  type ImportProblem,
  type SeatImportResult,
  type SeatImportRowError,
} from '@seatgate/contracts';
import { Alert, Button, Input, Modal, Space, Spin, Switch, Table, Tag, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { useConfirmDiscard } from '../../../../components/form/use-leave-guard';
import { useI18n } from '../../../../i18n';
import { fieldIssueText } from '../../../../i18n/issues';
import { saveDownload } from '../../../../components/download';
import { csvRecords, previewSeatCsv, type PreviewRow } from './csv-preview';
import { problemsCsv, seatTemplate } from './import-files';
import { readXlsx, type XlsxRead } from './xlsx-read';
import { JobProgressPanel } from '../../components/JobProgressPanel';

export type ImportCheck =
  | { kind: 'ok'; result: SeatImportResult }
  | {
      kind: 'rejected';
      message: string;
      errors: SeatImportRowError[];
      /** the same refusals as codes (a current gateway sends them): worded in the admin's language */
      problems?: ImportProblem[];
    }
  | { kind: 'failed' };

/** How many rows of a chosen file are shown as read, before the table below. */
const FIRST_ROWS = 3;

/** Beyond this the file is sent as is and its errors are listed by line, without a table. */
const MAX_PREVIEW_BYTES = 5 * 1024 * 1024;
const MAX_LISTED_ERRORS = 200;

/** The header and first rows of a workbook as read (shown like a CSV's). */
const firstXlsxRows = (csv: string) => csvRecords(csv).slice(0, FIRST_ROWS + 1);

type Refusal = { line: number; field: string; code: string; text: string };

const isWorkbook = (file: File) =>
  /\.xlsx$/i.test(file.name) ||
  file.type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function SeatImportModal({
  open,
  apps,
  onCheck,
  onCommit,
  onClose,
  tenantId,
  checking,
  committing,
}: {
  open: boolean;
  /** the tenant's apps: the template has a sample row for each */
  apps: AppView[];
  onCheck: (csv: string, skipInvalid: boolean) => Promise<ImportCheck>;
  /** resolves with the result when imported, null when not */
  onCommit: (csv: string, skipInvalid: boolean) => Promise<SeatImportResult | null>;
  /** for the provisioning jobs' progress */
  tenantId: string;
  onClose: () => void;
  checking: boolean;
  committing: boolean;
}) {
  const { t, dictionary } = useI18n();
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [encoding, setEncoding] = useState<CsvEncoding | null>(null);
  const [workbook, setWorkbook] = useState<XlsxRead | null>(null);
  const [check, setCheck] = useState<{ csv: string; skipInvalid: boolean; outcome: ImportCheck } | null>(
    null,
  );
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  /** the provisioning jobs an import started: their progress replaces the form */
  const [jobs, setJobs] = useState<{ sdkAppId: number; jobId: string }[]>([]);
  const template = useMemo(() => seatTemplate(apps, t('import.templateName')), [apps, t]);

  const rows = useMemo(() => (csv.length <= MAX_PREVIEW_BYTES ? previewSeatCsv(csv) : []), [csv]);
  const outcome = check?.outcome;
  const current = check !== null && check.csv === csv && check.skipInvalid === skipInvalid;
  const unreadable = useMemo(() => unreadableCharacters(csv), [csv]);
  const firstRows = useMemo(
    () => (encoding && csv.length <= MAX_PREVIEW_BYTES ? csvRecords(csv).slice(0, FIRST_ROWS + 1) : []),
    [csv, encoding],
  );
  /** each refusal once, worded: from its code when the gateway sent codes, else its own words */
  const refusals = useMemo((): Refusal[] => {
    const worded = (problems: ImportProblem[]) =>
      problems.map((problem) => ({
        line: problem.line,
        field: problem.field ?? '',
        code: problem.code,
        text: fieldIssueText(dictionary, problem.field, problem),
      }));
    // rows a skip-invalid check leaves out
    if (outcome?.kind === 'ok') return worded(outcome.result.problems ?? []);
    if (outcome?.kind !== 'rejected') return [];
    if (outcome.problems && outcome.problems.length > 0) return worded(outcome.problems);
    return outcome.errors.map((error) => ({ line: error.line, field: '', code: '', text: error.reason }));
  }, [outcome, dictionary]);
  const skipped = outcome?.kind === 'ok' ? (outcome.result.skipped ?? 0) : 0;
  const errorsByLine = useMemo(() => {
    const map = new Map<number, string[]>();
    for (const refusal of refusals) map.set(refusal.line, [...(map.get(refusal.line) ?? []), refusal.text]);
    return map;
  }, [refusals]);
  const rowLines = useMemo(() => new Set(rows.map((row) => row.line)), [rows]);
  const fileErrors = refusals.filter((refusal) => !rowLines.has(refusal.line));
  const shownRows = onlyProblems ? rows.filter((row) => errorsByLine.has(row.line)) : rows;

  const reset = () => {
    setCsv('');
    setFileName(null);
    setEncoding(null);
    setCheck(null);
    setOnlyProblems(false);
    setSkipInvalid(false);
    setWorkbook(null);
    setJobs([]);
  };

  const runCheck = async (skip = skipInvalid) => {
    const text = csv;
    const result = await onCheck(text, skip);
    setCheck({ csv: text, skipInvalid: skip, outcome: result });
    setOnlyProblems(result.kind === 'rejected' || (result.kind === 'ok' && (result.result.skipped ?? 0) > 0));
  };

  /** the explicit choice: import the valid rows, skip the rest (checked again with it, to count them) */
  const chooseSkip = (skip: boolean) => {
    setSkipInvalid(skip);
    void runCheck(skip);
  };

  const commit = async () => {
    const result = await onCommit(csv, skipInvalid);
    if (!result) return;
    const started = (result.provisioning?.apps ?? []).flatMap((app) =>
      app.jobId ? [{ sdkAppId: app.sdkAppId, jobId: app.jobId }] : [],
    );
    if (started.length > 0) setJobs(started);
    else onClose();
  };
  const provisioning = outcome?.kind === 'ok' ? outcome.result.provisioning : undefined;

  const downloadProblems = () => {
    const cellsByLine = new Map(csvRecords(csv).map((record) => [record.line, record.fields]));
    const header = [
      t('import.line'),
      t('import.errorFile.column'),
      t('import.errorFile.code'),
      t('import.errorFile.message'),
      ...(cellsByLine.get(1) ?? []),
    ];
    const text = problemsCsv(
      header,
      refusals.map((refusal) => ({
        line: refusal.line,
        field: refusal.field,
        code: refusal.code,
        message: refusal.text,
        cells: refusal.line > 1 ? (cellsByLine.get(refusal.line) ?? []) : [],
      })),
    );
    const base = (fileName ?? 'seats').replace(/\.(csv|xlsx|txt)$/i, '');
    saveDownload({
      blob: new Blob([text], { type: 'text/csv;charset=utf-8' }),
      filename: `${base}-problems.csv`,
    });
  };

  const chooseFile = async (file: File) => {
    const buffer = await file.arrayBuffer();
    setFileName(file.name);
    setCheck(null);
    setSkipInvalid(false);
    if (isWorkbook(file)) {
      const read = await readXlsx(buffer);
      setWorkbook(read);
      setEncoding(null);
      setCsv(read.ok ? read.csv : '');
      return;
    }
    const decoded = decodeCsvBytes(new Uint8Array(buffer));
    setWorkbook(null);
    setCsv(decoded.text);
    setEncoding(decoded.encoding);
  };

  const busy = checking || committing;
  // text read or typed and not imported yet: closing asks first, as the other forms do
  const confirmDiscard = useConfirmDiscard();
  const cancel = () => confirmDiscard(csv.trim() !== '' && jobs.length === 0, onClose);
  return (
    <Modal
      open={open}
      title={t('import.title')}
      width={960}
      onCancel={cancel}
      afterClose={reset}
      destroyOnHidden
      footer={
        jobs.length > 0 ? (
          <Button type="primary" onClick={onClose}>
            {t('action.done')}
          </Button>
        ) : (
          <Space>
            <Button onClick={cancel}>{t('action.cancel')}</Button>
            <Button
              onClick={() => void runCheck()}
              loading={checking}
              disabled={csv.trim() === '' || unreadable > 0 || committing}
            >
              {check ? t('import.checkAgain') : t('import.check')}
            </Button>
            <Button
              type="primary"
              onClick={() => void commit()}
              loading={committing}
              disabled={!current || outcome?.kind !== 'ok' || unreadable > 0 || checking}
            >
              {outcome?.kind === 'ok' && current && outcome.result.provisioning
                ? t('import.commitProvisioning', {
                    count: outcome.result.created,
                    toCreate: outcome.result.provisioning.toCreate,
                    rows: outcome.result.provisioning.rows,
                  })
                : outcome?.kind === 'ok' && current
                  ? skipped > 0
                    ? t('import.commitSkipping', { count: outcome.result.created, skipped })
                    : t('import.commitCount', { count: outcome.result.created })
                  : t('import.commit')}
            </Button>
          </Space>
        )
      }
    >
      {jobs.length > 0 ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="seat-import-jobs">
          <Typography.Paragraph style={{ margin: 0 }}>{t('import.provisionStarted')}</Typography.Paragraph>
          {jobs.map((job) => (
            <div key={job.jobId}>
              <Typography.Text strong>
                {t('import.provisionJobFor', { sdkAppId: job.sdkAppId })}
              </Typography.Text>
              <JobProgressPanel tenantId={tenantId} jobId={job.jobId} />
            </div>
          ))}
        </Space>
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('import.lead')} {t('import.provisionHint')}{' '}
            <a
              // with a UTF-8 BOM, as the gateway's exports: Excel then keeps Chinese names intact
              href={`data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${template}\r\n`)}`}
              download="seats-template.csv"
              data-testid="seat-import-template"
            >
              {t('import.template')}
            </a>
          </Typography.Paragraph>
          <Upload.Dragger
            accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(file) => {
              void chooseFile(file);
              return false;
            }}
          >
            <p>{fileName ? t('import.chosen', { name: fileName }) : t('import.drop')}</p>
          </Upload.Dragger>
          {encoding && (
            <Alert
              type={unreadable > 0 ? 'error' : 'info'}
              showIcon
              data-testid="seat-import-read-as"
              title={t('import.encoding', {
                encoding: t(`import.encoding.${encoding}`),
                rows: Math.max(csvRecords(csv).length - 1, 0),
              })}
              description={
                <>
                  {unreadable > 0 && <div>{t('import.unreadable', { count: unreadable })}</div>}
                  {firstRows.length > 0 && (
                    <>
                      <div>{t('import.firstRows')}</div>
                      <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                        {firstRows.map((record) => record.fields.join(', ')).join('\n')}
                      </pre>
                    </>
                  )}
                </>
              }
            />
          )}
          {workbook && (
            <Alert
              type={workbook.ok ? 'info' : 'error'}
              showIcon
              data-testid="seat-import-read-as"
              title={
                workbook.ok
                  ? t('import.xlsxRead', { sheet: workbook.sheet, rows: workbook.rows })
                  : t(`import.${workbook.code}`)
              }
              description={
                workbook.ok && firstXlsxRows(csv).length > 0 ? (
                  <>
                    <div>{t('import.firstRows')}</div>
                    <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                      {firstXlsxRows(csv)
                        .map((record) => record.fields.join(', '))
                        .join('\n')}
                    </pre>
                  </>
                ) : undefined
              }
            />
          )}
          {!encoding && unreadable > 0 && (
            <Alert type="error" showIcon title={t('import.unreadable', { count: unreadable })} />
          )}
          {csv.length > MAX_PREVIEW_BYTES ? (
            <Alert type="info" showIcon title={t('import.tooLargeToPreview')} />
          ) : (
            <div>
              <label htmlFor="seat-import-text" style={{ display: 'block', marginBottom: 4 }}>
                {t('import.text')}
              </label>
              <Input.TextArea
                id="seat-import-text"
                value={csv}
                onChange={(event) => setCsv(event.target.value)}
                autoSize={{ minRows: 4, maxRows: 10 }}
                spellCheck={false}
                style={{ fontFamily: 'monospace' }}
                placeholder={template}
              />
            </div>
          )}

          <div aria-live="polite">
            {busy && (
              <Spin
                description={
                  checking
                    ? t('import.checking', { rows: rows.length })
                    : t('import.importing', { rows: rows.length })
                }
              >
                <div style={{ minHeight: 48 }} />
              </Spin>
            )}
            {!busy && check && !current && <Alert type="info" showIcon title={t('import.changed')} />}
            {!busy && current && outcome?.kind === 'ok' && (
              <Alert
                type={skipped > 0 ? 'warning' : 'success'}
                showIcon
                data-testid="seat-import-summary"
                title={
                  skipped > 0
                    ? t('import.skipSummary', {
                        created: outcome.result.created,
                        unchanged: outcome.result.unchanged,
                        skipped,
                      })
                    : t('import.okSummary', {
                        rows: outcome.result.rows - (outcome.result.repeats ?? 0),
                        created: outcome.result.created,
                        unchanged: outcome.result.unchanged,
                      })
                }
                description={
                  (outcome.result.repeats ?? 0) > 0
                    ? t('import.repeats', { count: outcome.result.repeats })
                    : undefined
                }
              />
            )}
            {!busy && current && provisioning && (
              <Alert
                type="info"
                showIcon
                style={{ marginTop: 8 }}
                data-testid="seat-import-provisioning"
                title={t('import.provisionSummary', {
                  rows: provisioning.rows,
                  toCreate: provisioning.toCreate,
                })}
                description={provisioning.apps
                  .map((app) =>
                    t('import.provisionApp', {
                      sdkAppId: app.sdkAppId,
                      toCreate: app.toCreate,
                      available: app.licences.available,
                      purchased: app.licences.purchased,
                    }),
                  )
                  .join(' · ')}
              />
            )}
            {!busy && current && outcome?.kind === 'rejected' && (
              <Alert
                type="error"
                showIcon
                title={t('import.rejectedSummary', { count: outcome.errors.length })}
                description={
                  fileErrors.length > 0 ? (
                    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                      {fileErrors.slice(0, MAX_LISTED_ERRORS).map((error) => (
                        <li key={`${error.line}-${error.text}`}>
                          {error.line === 0
                            ? `${t('import.fileLevel')}: ${error.text}`
                            : t('import.lineError', { line: error.line, reason: error.text })}
                        </li>
                      ))}
                      {fileErrors.length > MAX_LISTED_ERRORS && (
                        <li>{t('import.moreErrors', { count: fileErrors.length - MAX_LISTED_ERRORS })}</li>
                      )}
                    </ul>
                  ) : undefined
                }
              />
            )}
            {!busy && current && (outcome?.kind === 'rejected' || skipInvalid) && (
              <Space wrap style={{ marginTop: 8 }}>
                <Switch
                  id="seat-import-skip-invalid"
                  checked={skipInvalid}
                  onChange={chooseSkip}
                  disabled={outcome?.kind === 'rejected' && fileErrors.some((error) => error.line <= 1)}
                />
                <label htmlFor="seat-import-skip-invalid">{t('import.skipInvalid')}</label>
              </Space>
            )}
            {!busy && current && refusals.length > 0 && (
              <div style={{ marginTop: 8 }}>
                <Button onClick={downloadProblems} data-testid="seat-import-problems">
                  {t('import.downloadProblems', { count: refusals.length })}
                </Button>
              </div>
            )}
          </div>

          {rows.length > 0 && (
            <>
              {errorsByLine.size > 0 && current && (
                <Space>
                  <Switch id="seat-import-only-problems" checked={onlyProblems} onChange={setOnlyProblems} />
                  <label htmlFor="seat-import-only-problems">{t('import.onlyProblems')}</label>
                </Space>
              )}
              <Table<PreviewRow>
                size="small"
                rowKey="line"
                dataSource={shownRows}
                pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
                rowClassName={(row) => (current && errorsByLine.has(row.line) ? 'sg-row-error' : '')}
                columns={[
                  { title: t('import.line'), dataIndex: 'line', width: 70 },
                  { title: t('seats.businessUserId'), dataIndex: 'businessUserId' },
                  { title: t('apps.sdkAppId'), dataIndex: 'sdkAppId' },
                  { title: t('seats.seatUserId'), dataIndex: 'seatUserId' },
                  { title: t('seats.displayName'), dataIndex: 'displayName' },
                  ...(rows.some(
                    (row) => row.provision || row.staffNumber || row.phone || row.role || row.skillGroups,
                  )
                    ? [
                        {
                          title: t('import.provisionColumn'),
                          key: 'provisioning',
                          render: (_value: unknown, row: PreviewRow) =>
                            /^(yes|y|true|1|是)$/i.test(row.provision.trim()) ? (
                              <Space size={4} wrap>
                                <Tag color="blue">{t('import.provisionYes')}</Tag>
                                {[row.staffNumber, row.phone, row.role, row.skillGroups]
                                  .filter(Boolean)
                                  .join(' · ')}
                              </Space>
                            ) : (
                              [row.staffNumber, row.phone, row.role, row.skillGroups]
                                .filter(Boolean)
                                .join(' · ')
                            ),
                        },
                      ]
                    : []),
                  {
                    title: t('import.problem'),
                    key: 'problem',
                    render: (_value, row) => {
                      if (!current || !outcome || outcome.kind === 'failed') return null;
                      const reasons = errorsByLine.get(row.line);
                      return reasons ? (
                        <Typography.Text type="danger">{reasons.join('; ')}</Typography.Text>
                      ) : (
                        <Typography.Text type="success">{t('import.rowOk')}</Typography.Text>
                      );
                    },
                  },
                ]}
              />
            </>
          )}
        </Space>
      )}
    </Modal>
  );
}
