import { useState } from 'react';
import { App } from 'antd';
import { errorMessage } from '../app/api';

/** Runs a download that resolves to the file's name: 已导出 <name>, or the error, as a toast. */
export function useExport(run: () => Promise<string>) {
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const doExport = async () => {
    setExporting(true);
    try {
      const name = await run();
      message.success(`已导出 ${name}`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };
  return { exporting, doExport };
}
