import { Grid } from 'antd';

type Screens = ReturnType<typeof Grid.useBreakpoint>;

/**
 * antd's breakpoints, but right on the first render too (antd reports `{}` until its observer
 * runs, which would flash the phone layout on a desktop).
 */
export function useScreens(): Screens {
  const screens = Grid.useBreakpoint();
  if (Object.keys(screens).length > 0) return screens;
  const w = typeof window === 'undefined' ? 1280 : window.innerWidth;
  return { xs: w < 576, sm: w >= 576, md: w >= 768, lg: w >= 992, xl: w >= 1200, xxl: w >= 1600 };
}
