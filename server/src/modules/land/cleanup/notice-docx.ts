import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { LAND_PLANNED_USE_LABELS, formatMu, type LandPlannedUse } from '@yuanqi/contract';
import { chineseDate } from './dates.js';

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

/** What the notice says, read from the case, its parcel and its 告知 step. */
export type CleanupNotice = {
  parkName: string;
  caseNo: string;
  enterpriseName: string | null;
  parcelCode: string;
  parcelName: string | null;
  areaMu: number;
  plannedUse: string;
  transferredOn: string | null;
  constructionOn: string | null;
  reason: 'idle' | 'grade_d' | 'other';
  idleYears: number;
  /** The whole years idle on the notice day. */
  yearsIdle: number | null;
  grade: { year: number; grade: string } | null;
  notifiedOn: string;
  replyDeadline: string;
  replyWorkingDays: number;
};

/**
 * 闲置土地认定及处置告知书: the park, the holder, the parcel (code, area, use, 出让 date), the facts of
 * idleness, the legal basis (《闲置土地处置办法》 国土资源部令第53号, arts. 8, 12–14), the holder's
 * right to state its case and the reply deadline in working days, the date.
 */
export async function buildCleanupNoticeDocx(n: CleanupNotice): Promise<Buffer> {
  const holder = n.enterpriseName ?? '土地使用权人';
  const use = LAND_PLANNED_USE_LABELS[n.plannedUse as LandPlannedUse] ?? n.plannedUse;
  const facts: string[] = [];
  if (n.transferredOn) facts.push(`该宗地于${chineseDate(n.transferredOn)}出让`);
  if (!n.constructionOn) facts.push(n.yearsIdle !== null ? `至今已满${n.yearsIdle}年未动工开发` : '至今未动工开发');
  else facts.push(`于${chineseDate(n.constructionOn)}开工`);
  if (n.reason === 'grade_d' && n.grade) facts.push(`在${n.grade.year}年度亩均效益综合评价中被评为${n.grade.grade}类(低效用地)`);
  const finding =
    n.reason === 'idle'
      ? `超过出让合同约定的动工开发日期满${n.idleYears}年未动工开发,经调查核实,初步认定为闲置土地`
      : n.reason === 'grade_d'
        ? '土地利用效率低下,经调查核实,初步认定为低效用地,列入本次低效闲置用地清理专项行动'
        : '经调查核实,列入本次低效闲置用地清理专项行动';
  const rows = [
    ['宗地编号', n.parcelCode + (n.parcelName ? `(${n.parcelName})` : '')],
    ['土地使用权人', holder],
    ['土地面积', `${formatMu(n.areaMu)}亩`],
    ['规划用途', use],
    ['出让日期', n.transferredOn ? chineseDate(n.transferredOn) : '—'],
    ['开工日期', n.constructionOn ? chineseDate(n.constructionOn) : '未开工'],
  ].map(([k, v]) => new TableRow({ children: [cell(k!, { bold: true, width: 30 }), cell(v!, { width: 70 })] }));

  const doc = new Document({
    creator: '园企通 Yuanqi',
    title: `闲置土地认定及处置告知书 ${n.caseNo}`,
    styles: { default: { document: { run: { font: FONT } } } },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [new TextRun({ text: '闲置土地认定及处置告知书', bold: true, font: '黑体', size: 40 })] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 240 }, children: [text(`编号:${n.caseNo}`, { size: 24 })] }),
          paragraph(`${holder}:`),
          paragraph(`根据《闲置土地处置办法》(国土资源部令第53号)和${n.parkName}低效闲置用地清理专项行动的部署,我单位对你单位使用的下列宗地进行了调查:`, { indent: true }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }),
          paragraph('', { after: 60 }),
          paragraph(`经调查,${facts.join(',')},${finding}。`, { indent: true }),
          paragraph(
            '依据《闲置土地处置办法》第八条、第十二条至第十四条的规定,对因企业自身原因造成的闲置土地,可采取约定动工开发期限(限期开工)、协议有偿收回、依法无偿收回等方式处置;未动工开发满两年的,可依法无偿收回国有建设用地使用权。',
            { indent: true },
          ),
          paragraph(
            `你单位如有异议,可在收到本告知书之日起${n.replyWorkingDays}个工作日内(即${chineseDate(n.replyDeadline)}前)向我单位提交书面陈述、申辩意见及相关证明材料;逾期未提出的,视为放弃陈述和申辩的权利。我单位将约请你单位法定代表人或授权代表进行约谈,协商确定处置方式。`,
            { indent: true },
          ),
          paragraph('特此告知。', { indent: true, after: 480 }),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 120 }, children: [text(`${n.parkName}管理委员会(印章)`)] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [text(chineseDate(n.notifiedOn))] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
