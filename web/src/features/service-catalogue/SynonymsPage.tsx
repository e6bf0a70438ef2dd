import { useState } from 'react';
import { App, Button, Card, Col, Form, Input, Modal, Popconfirm, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ServiceSynonym, ServiceSynonymRequest } from '@yuanqi/contract';
import { isApiError } from '../../app/api';
import { EmptyHint } from '../../components/EmptyHint';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../components/format';
import { useDeleteSynonym, useItemList, useSaveSynonym, useSynonyms } from './api';
import { committedText } from './bits';
import './catalogue.css';

/** Try a query the way the guide runs it: how it was read and what it finds. */
function TryIt() {
  const [q, setQ] = useState('');
  const result = useItemList({ q, page: 1, pageSize: 5, sort: 'relevance' }, !!q);
  return (
    <Card size="small" title="搜索试一试" style={{ marginBottom: 12 }}>
      <Input.Search placeholder="输入办事人的说法,如:怎么开公司" enterButton="试搜" onSearch={(v) => setQ(v.trim())} allowClear aria-label="试搜" />
      {q && result.data && (
        <div style={{ marginTop: 10 }}>
          <div className="yq-search-note">
            理解为“<b>{result.data.search?.normalized}</b>”
            {result.data.search?.expandedTerms.length ? <>,同义扩展:<b>{result.data.search.expandedTerms.join('、')}</b></> : ',无同义扩展'},共 {result.data.total} 项
          </div>
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>
            {result.data.items.map((i) => (
              <li key={i.id}>
                {i.name} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{committedText(i)}</Typography.Text>
              </li>
            ))}
          </ol>
        </div>
      )}
    </Card>
  );
}

/**
 * 同义词: the words people type mapped onto catalogue words. Saving re-indexes the park's items at
 * once, so the guide finds the new word immediately.
 */
export function SynonymsPage() {
  const { message } = App.useApp();
  const list = useSynonyms();
  const save = useSaveSynonym();
  const remove = useDeleteSynonym();
  const [form] = Form.useForm<ServiceSynonymRequest>();
  const [editing, setEditing] = useState<{ open: boolean; row: ServiceSynonym | null }>({ open: false, row: null });
  const [filter, setFilter] = useState('');

  const openEditor = (row: ServiceSynonym | null) => {
    setEditing({ open: true, row });
    form.setFieldsValue(row ? { term: row.term, expandsTo: row.expandsTo } : { term: '', expandsTo: [] });
  };

  const submit = async () => {
    const values = await form.validateFields();
    try {
      const r = await save.mutateAsync({ id: editing.row?.id, body: values });
      message.success(`已保存,重建了 ${r.reindexed} 个事项的搜索索引`);
      setEditing({ open: false, row: null });
    } catch (e) {
      if (isApiError(e) && e.details.length) form.setFields(e.details.map((d) => ({ name: d.path.split('.')[0] as keyof ServiceSynonymRequest, errors: [d.message] })));
      else message.error(isApiError(e) ? e.message : '保存失败');
    }
  };

  const rows = (list.data ?? [])
    .filter((s) => !filter || s.term.includes(filter) || s.expandsTo.some((e) => e.includes(filter)))
    .sort((a, b) => a.term.localeCompare(b.term, 'zh-Hans-CN'));

  return (
    <>
      <PageHeader
        title="搜索同义词"
        subTitle="把办事人的说法对应到事项用语,如“开公司”→“企业开办”;保存后立即生效"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openEditor(null)}>
            新增同义词
          </Button>
        }
      />
      <Row gutter={12}>
        <Col xs={24} lg={16}>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Input.Search placeholder="查找搜索词或事项用语" allowClear onSearch={(v) => setFilter(v.trim())} onChange={(e) => !e.target.value && setFilter('')} style={{ maxWidth: 320 }} />
          </Card>
          {list.isError ? (
            <Card>
              <QueryError error={list.error} onRetry={() => list.refetch()} />
            </Card>
          ) : (
            <Card styles={{ body: { padding: 0 } }}>
              <Table<ServiceSynonym>
                rowKey="id"
                loading={list.isLoading}
                dataSource={rows}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                scroll={{ x: 560 }}
                locale={{ emptyText: <EmptyHint description="暂无同义词" /> }}
                columns={[
                  { title: '办事人的说法', dataIndex: 'term', width: 160, render: (t: string) => <b>{t}</b> },
                  { title: '对应事项用语', dataIndex: 'expandsTo', render: (xs: string[]) => xs.map((x) => <Tag key={x}>{x}</Tag>) },
                  { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: (v: string) => formatDateTime(v) },
                  {
                    title: '操作',
                    width: 120,
                    render: (_v, r) => (
                      <Space size={0}>
                        <Button type="link" size="small" onClick={() => openEditor(r)}>
                          编辑
                        </Button>
                        <Popconfirm
                          title={`删除“${r.term}”?`}
                          onConfirm={async () => {
                            const res = await remove.mutateAsync(r.id);
                            message.success(`已删除,重建了 ${res.reindexed} 个事项的搜索索引`);
                          }}
                        >
                          <Button type="link" size="small" danger>
                            删除
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]}
              />
            </Card>
          )}
        </Col>
        <Col xs={24} lg={8}>
          <TryIt />
        </Col>
      </Row>
      <Modal open={editing.open} title={editing.row ? '编辑同义词' : '新增同义词'} okText="保存" confirmLoading={save.isPending} onOk={submit} onCancel={() => setEditing({ open: false, row: null })} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="term" label="办事人的说法" rules={[{ required: true, message: '请填写搜索词' }]} extra="搜索内容中出现这个词时,按右侧事项用语查找">
            <Input maxLength={30} placeholder="如:开公司" />
          </Form.Item>
          <Form.Item name="expandsTo" label="对应事项用语" rules={[{ required: true, message: '请至少填写一个' }]} extra="事项名称、主项/子项或关键词中的用语,输入后回车">
            <Select mode="tags" tokenSeparators={['、', ',', ',']} placeholder="如:企业开办、设立登记" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
