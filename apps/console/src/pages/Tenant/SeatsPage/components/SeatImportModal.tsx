// CSV import in two steps: the gateway checks the whole file without writing (dry run) and every
// row it rejects is shown beside that row; only a file that passed, unchanged since, can be
// imported. The text stays editable here, so a bad row can be fixed in place and checked again.
// A chosen file is decoded here (UTF-8, else GBK/GB18030 as Chinese Excel saves it) and what was
// read is shown before anything is checked; text with undecodable characters is never sent.
import {
  decodeCsvBytes,
  unreadableCharacters,
  type CsvEncoding,
  type ImportProblem,
  type SeatImportResult,
  type SeatImportRowError,
} from '@seatgate/contracts';
import { Alert, Button, Input, Modal, Space, Spin, Switch, Table, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { useI18n } from '../../../../i18n';
import { fieldIssueText } from '../../../../i18n/issues';
import { csvRecords, previewSeatCsv, SEAT_CSV_TEMPLATE, type PreviewRow } from './csv-preview';

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

export function SeatImportModal({
  open,
  onCheck,
  onCommit,
  onClose,
  checking,
  committing,
}: {
  open: boolean;
  onCheck: (csv: string) => Promise<ImportCheck>;
  /** resolves true when imported */
  onCommit: (csv: string) => Promise<boolean>;
  onClose: () => void;
  checking: boolean;
  committing: boolean;
}) {
  const { t, dictionary } = useI18n();
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [encoding, setEncoding] = useState<CsvEncoding | null>(null);
  const [check, setCheck] = useState<{ csv: string; outcome: ImportCheck } | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(false);

  const rows = useMemo(() => (csv.length <= MAX_PREVIEW_BYTES ? previewSeatCsv(csv) : []), [csv]);
  const outcome = check?.outcome;
  const current = check !== null && check.csv === csv;
  const unreadable = useMemo(() => unreadableCharacters(csv), [csv]);
  const firstRows = useMemo(
    () => (encoding && csv.length <= MAX_PREVIEW_BYTES ? csvRecords(csv).slice(0, FIRST_ROWS + 1) : []),
    [csv, encoding],
  );
  /** each refusal once, worded: from its code when the gateway sent codes, else its own words */
  const refusals = useMemo(() => {
    if (outcome?.kind !== 'rejected') return [];
    if (outcome.problems && outcome.problems.length > 0)
      return outcome.problems.map((problem) => ({
        line: problem.line,
        text: fieldIssueText(dictionary, problem.field, problem),
      }));
    return outcome.errors.map((error) => ({ line: error.line, text: error.reason }));
  }, [outcome, dictionary]);
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
  };

  const runCheck = async () => {
    const text = csv;
    const result = await onCheck(text);
    setCheck({ csv: text, outcome: result });
    setOnlyProblems(result.kind === 'rejected');
  };

  const commit = async () => {
    if (await onCommit(csv)) {
      onClose();
    }
  };

  const busy = checking || committing;
  return (
    <Modal
      open={open}
      title={t('import.title')}
      width={960}
      onCancel={onClose}
      afterClose={reset}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
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
            {outcome?.kind === 'ok' && current
              ? t('import.commitCount', { count: outcome.result.created })
              : t('import.commit')}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('import.lead')}{' '}
          <a
            // with a UTF-8 BOM, as the gateway's exports: Excel then keeps Chinese names intact
            href={`data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${SEAT_CSV_TEMPLATE}`)}`}
            download="seats-template.csv"
          >
            {t('import.template')}
          </a>
        </Typography.Paragraph>
        <Upload.Dragger
          accept=".csv,text/csv"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(file) => {
            void file.arrayBuffer().then((buffer) => {
              const decoded = decodeCsvBytes(new Uint8Array(buffer));
              setCsv(decoded.text);
              setEncoding(decoded.encoding);
              setFileName(file.name);
              setCheck(null);
            });
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
              placeholder={SEAT_CSV_TEMPLATE}
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
              type="success"
              showIcon
              title={t('import.okSummary', {
                rows: outcome.result.rows,
                created: outcome.result.created,
                unchanged: outcome.result.unchanged,
              })}
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
    </Modal>
  );
}
