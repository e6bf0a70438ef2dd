import { describe, expect, it } from 'vitest';
import { checkAttachment, cleanFilename } from './attachments.js';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const pdf = Buffer.from('%PDF-1.7\n%...');
const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....[Content_Types].xml....word/document.xml')]);
const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....xl/workbook.xml')]);

describe('attachment type checks', () => {
  it('accepts files whose bytes match their extension', () => {
    expect(checkAttachment('现场照片.PNG', png).contentType).toBe('image/png');
    expect(checkAttachment('申请书.pdf', pdf).contentType).toBe('application/pdf');
    expect(checkAttachment('说明.docx', docx).contentType).toContain('wordprocessingml');
    expect(checkAttachment('明细.xlsx', xlsx).contentType).toContain('spreadsheetml');
  });

  it('refuses a renamed file and an unsupported extension, naming the file', () => {
    expect(() => checkAttachment('照片.jpg', pdf)).toThrow(/照片\.jpg.*不符/);
    expect(() => checkAttachment('表格.xlsx', docx)).toThrow(/不符/);
    expect(() => checkAttachment('脚本.exe', Buffer.from('MZ'))).toThrow(/类型不支持/);
    expect(() => checkAttachment('空.pdf', Buffer.alloc(0))).toThrow(/空文件/);
  });

  it('drops a client path from the file name', () => {
    expect(cleanFilename('C:\\Users\\张三\\营业执照.pdf')).toBe('营业执照.pdf');
    expect(cleanFilename('../../../etc/passwd')).toBe('passwd');
  });
});
