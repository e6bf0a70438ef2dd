import { Space, Tag } from 'antd';
import { tagColor, useDictionary } from './useDictionary';

export function DictTags({ codes, empty = '—', wrap = true }: { codes: string[] | null | undefined; empty?: string; wrap?: boolean }) {
  const { labelOf } = useDictionary('tag');
  if (!codes || codes.length === 0) return <span style={{ color: '#98a2b3' }}>{empty}</span>;
  return (
    <Space size={[4, 4]} wrap={wrap}>
      {codes.map((code) => (
        <Tag key={code} color={tagColor(code)} style={{ marginInlineEnd: 0 }}>
          {labelOf(code)}
        </Tag>
      ))}
    </Space>
  );
}
