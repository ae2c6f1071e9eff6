// Columns that every resource table shows the same way: status, a timestamp, and the row actions
// (shown only to those who may change the rows; the gateway checks again).
import { Space } from 'antd';
import type { ColumnType, ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { DateTime } from '../DateTime';
import { StatusTag } from '../StatusTag';

type Status = Parameters<typeof StatusTag>[0]['status'];

export function statusColumn<Row extends { status: Status }>(title: string): ColumnType<Row> {
  return { title, dataIndex: 'status', render: (status: Status) => <StatusTag status={status} /> };
}

export function dateTimeColumn<Row>(title: string, dataIndex: keyof Row & string): ColumnType<Row> {
  return { title, dataIndex, render: (value: string) => <DateTime value={value} /> };
}

export function actionsColumn<Row>(
  allowed: boolean,
  title: string,
  render: (row: Row) => ReactNode,
): ColumnsType<Row> {
  if (!allowed) return [];
  return [
    {
      title,
      key: 'actions',
      // one line: a row's buttons never wrap (secondary actions go in a MoreActions menu)
      render: (_value: unknown, row: Row) => (
        <Space size="small" wrap={false}>
          {render(row)}
        </Space>
      ),
    },
  ];
}
