/** What the server takes for policy documents and application materials (the extension must match the bytes). */
export const MATERIAL_ACCEPT = '.jpg,.jpeg,.png,.pdf,.doc,.docx,.xls,.xlsx';
export const MATERIAL_MAX_BYTES = 20 * 1024 * 1024;
export const MATERIAL_HINT = '支持 jpg、png、pdf、doc(x)、xls(x),单个不超过 20 MB';

const EXTENSIONS = MATERIAL_ACCEPT.split(',').map((e) => e.slice(1));

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The reason a file cannot be sent, checked before any byte leaves the phone. */
export function fileProblem(file: { name: string; size: number }): string | null {
  const ext = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
  if (!EXTENSIONS.includes(ext)) return `“${file.name}”类型不支持,仅支持 jpg、png、pdf、doc(x)、xls(x)`;
  if (file.size === 0) return `“${file.name}”是空文件`;
  if (file.size > MATERIAL_MAX_BYTES) return `“${file.name}”大小 ${formatSize(file.size)},超过 20 MB 上限`;
  return null;
}
