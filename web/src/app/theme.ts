import type { ThemeConfig } from 'antd';

export const BRAND = '#1554ad';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND,
    colorLink: BRAND,
    colorInfo: BRAND,
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#0f2a4d', headerPadding: '0 16px', headerHeight: 56 },
    Menu: { darkItemBg: '#0f2a4d', darkSubMenuItemBg: '#0b2240', darkItemSelectedBg: BRAND },
  },
};
