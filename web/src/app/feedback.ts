import type { App } from 'antd';

type AppApi = ReturnType<typeof App.useApp>;

/**
 * antd's message/notification/modal bound to the app's ConfigProvider (locale, theme). Set once by
 * <FeedbackBridge/> inside <App>, so code outside components (query caches) can use them too.
 */
export const feedback: { current: AppApi | null } = { current: null };

export function toastError(text: string): void {
  feedback.current?.message.error(text);
}

export function toastSuccess(text: string): void {
  feedback.current?.message.success(text);
}
