import { DISPATCH_REASON_LABELS, formatYuan, type DispatchMeetingDetail } from '@yuanqi/contract';
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { shanghaiDate } from '../../../platform/calendar/index.js';

const FONT = '宋体';

function cell(text: string, options: { bold?: boolean; width?: number } = {}): TableCell {
  return new TableCell({
    width: options.width ? { size: options.width, type: WidthType.PERCENTAGE } : undefined,
    children: String(text)
      .split('\n')
      .map((line) => new Paragraph({ children: [new TextRun({ text: line, bold: options.bold, font: FONT, size: 20 })] })),
  });
}

function line(label: string, value: string): Paragraph {
  return new Paragraph({
    spacing: { after: 80 },
    children: [new TextRun({ text: `${label}:`, bold: true, font: FONT, size: 24 }), new TextRun({ text: value, font: FONT, size: 24 })],
  });
}

/** The minutes 会议纪要 of a weekly dispatch meeting as a .docx: header lines and one table row per agenda item. */
export async function buildMinutesDocx(
  meeting: DispatchMeetingDetail,
  parkName: string,
  /** 逾期转贷 on the meeting's date (金融服务, read-only: decided on each loan's page). */
  bridgeLoans: { number: string; enterpriseName: string; bankName: string; amountFen: number; dueOn: string | null; overdueDays: number }[] = [],
): Promise<Buffer> {
  const widths = [5, 14, 16, 20, 10, 17, 8, 10];
  const header = new TableRow({
    tableHeader: true,
    children: ['序号', '诉求编号', '企业', '诉求事项', '列入原因', '调度决定', '责任人', '新期限'].map((h, i) => cell(h, { bold: true, width: widths[i] })),
  });
  const rows = meeting.items.map(
    (item, i) =>
      new TableRow({
        children: [
          cell(String(i + 1)),
          cell(item.demand.number),
          cell(item.demand.enterpriseName),
          cell(`【${item.demand.categoryLabel}】${item.demand.title}\n${item.demand.statusLabel}${item.demand.overdue ? '(已逾期)' : ''}`),
          cell(item.reasons.map((r) => DISPATCH_REASON_LABELS[r]).join('、')),
          cell(item.decision ?? '(未作决定)'),
          cell(item.ownerName ?? item.demand.assigneeName ?? ''),
          cell(item.newDueDate ?? ''),
        ],
      }),
  );
  const decided = meeting.items.filter((i) => i.decidedAt).length;
  const doc = new Document({
    creator: '园企通 Yuanqi',
    title: meeting.title,
    styles: { default: { document: { run: { font: FONT } } } },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: meeting.title, bold: true, font: FONT, size: 36 })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: `${parkName} 营商环境调度专班 会议纪要`, font: FONT, size: 24 })] }),
          line('会议日期', meeting.heldOn),
          line('参会人员', meeting.attendees.length ? meeting.attendees.join('、') : '(未登记)'),
          line('议题', `共${meeting.items.length}件(逾期升级、逾期、差评),已作出决定${decided}件`),
          line('会议状态', meeting.status === 'closed' ? `已结束(${meeting.closedAt ? shanghaiDate(new Date(meeting.closedAt)) : ''})` : '进行中'),
          new Paragraph({ spacing: { before: 200, after: 120 }, children: [new TextRun({ text: '调度事项', bold: true, font: FONT, size: 28 })] }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }),
          ...(bridgeLoans.length
            ? [
                new Paragraph({ spacing: { before: 200, after: 120 }, children: [new TextRun({ text: `逾期应急转贷(${bridgeLoans.length}笔,金融服务中心跟踪)`, bold: true, font: FONT, size: 28 })] }),
                new Table({
                  width: { size: 100, type: WidthType.PERCENTAGE },
                  rows: [
                    new TableRow({ tableHeader: true, children: ['转贷编号', '企业', '贷款银行', '金额', '到期日', '逾期天数'].map((h) => cell(h, { bold: true })) }),
                    ...bridgeLoans.map((l) => new TableRow({ children: [cell(l.number), cell(l.enterpriseName), cell(l.bankName), cell(formatYuan(l.amountFen)), cell(l.dueOn ?? ''), cell(`${l.overdueDays}天`)] })),
                  ],
                }),
              ]
            : []),
          new Paragraph({ spacing: { before: 240 }, children: [new TextRun({ text: '请各责任人按新期限办结并在系统中答复,调度专班下周会议跟踪落实情况。', font: FONT, size: 22 })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
