import type { ApplicationDetailView } from '@yuanqi/contract';
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { shanghaiDate } from '../../../platform/calendar/index.js';

const FONT = '仿宋';

function text(value: string, options: { bold?: boolean; size?: number } = {}): TextRun {
  return new TextRun({ text: value, bold: options.bold, font: FONT, size: options.size ?? 28 });
}

function cell(value: string, options: { bold?: boolean; width?: number } = {}): TableCell {
  return new TableCell({
    width: options.width ? { size: options.width, type: WidthType.PERCENTAGE } : undefined,
    children: [new Paragraph({ children: [text(value, { bold: options.bold, size: 24 })] })],
  });
}

function paragraph(value: string, options: { indent?: boolean; after?: number } = {}): Paragraph {
  return new Paragraph({ spacing: { after: options.after ?? 120, line: 400 }, indent: options.indent ? { firstLine: 560 } : undefined, children: [text(value)] });
}

/**
 * 容缺受理通知书: the applicant, the item, each missing material with its form and deadline, what
 * happens when it is late, the bureau's name and the date. Built from the case as the API shows it.
 */
export async function buildRongqueNoticeDocx(app: ApplicationDetailView, bureau: string): Promise<Buffer> {
  const rongque = app.rongque!;
  const acceptedOn = app.acceptedAt ? shanghaiDate(new Date(app.acceptedAt)) : '';
  const issuedOn = acceptedOn.replace(/^(\d{4})-(\d{2})-(\d{2})$/, (_m, y, mo, d) => `${y}年${Number(mo)}月${Number(d)}日`);
  const header = new TableRow({ tableHeader: true, children: ['序号', '容缺材料名称', '材料形式', '补齐期限'].map((h, i) => cell(h, { bold: true, width: [10, 50, 20, 20][i] })) });
  const rows = rongque.missing.map((m, i) => new TableRow({ children: [cell(String(i + 1)), cell(m.name), cell(m.form), cell(m.deadline)] }));
  const doc = new Document({
    creator: '园企通 Yuanqi',
    title: `容缺受理通知书 ${rongque.noticeNumber}`,
    styles: { default: { document: { run: { font: FONT } } } },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [new TextRun({ text: '容缺受理通知书', bold: true, font: '黑体', size: 40 })] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 240 }, children: [text(`编号:${rongque.noticeNumber}`, { size: 24 })] }),
          paragraph(`${app.enterpriseName}:`),
          paragraph(
            `你单位于${shanghaiDate(new Date(app.submittedAt))}申请办理的“${app.itemName}”事项(办件编号 ${app.number}),基本条件具备、主要申请材料齐全且符合法定形式,尚缺以下非关键材料。经审查,本机关决定予以容缺受理,并于${acceptedOn}受理。`,
            { indent: true },
          ),
          paragraph('请你单位在下列期限内补齐容缺材料:', { indent: true }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }),
          paragraph('', { after: 60 }),
          paragraph(
            `补齐期限不晚于本事项承诺办结期限(${shanghaiDate(new Date(rongque.committedDueAt))})。你单位可通过园企通“我的办件”在线上传,或送至${bureau}政务服务窗口。`,
            { indent: true },
          ),
          paragraph(
            `逾期未补齐容缺材料的,本机关将终止办理该申请,已受理的申请视为撤回;你单位已签署的容缺受理承诺按规定记入信用记录。补齐材料后,本机关将在承诺时限内作出决定。`,
            { indent: true },
          ),
          paragraph(`申请人:${app.enterpriseName}    经办人:${app.applicantName}    联系电话:${app.contactPhone ?? '—'}`, { after: 480 }),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 120 }, children: [text(`${bureau}(印章)`)] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [text(issuedOn)] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
