import { DEMAND_CATEGORY_KIND, GRANT_CONFIRM_DAYS, PUBLICITY_WORKING_DAYS, type ParameterGroup } from '@yuanqi/contract';
import type { Actor } from '../../platform/actor.js';
import { LOCK_MINUTES, MAX_FAILED_LOGINS } from '../../platform/auth/service.js';
import type { AppContext } from '../../platform/context.js';
import { ensureDemandCategories } from '../demands/cases/categories.js';
import { getRatingSettings } from '../ratings/service.js';
import { getSettings as getServiceApplicationSettings } from '../services/applications/service.js';

const ENV = '部署配置(环境变量 %s,改后重启生效)';
const CODE = '产品规则(代码常量,随版本发布)';

/**
 * 参数设置: the configurable deadlines, thresholds and rates in one place. Nothing is stored
 * twice: each value is read where it lives (the park's dictionaries and settings, the deployment's
 * environment, the product's constants), and the page edits the park's own values through the
 * endpoints that own them (PUT /api/ratings/settings, PUT /api/service-applications/settings,
 * 数据字典 for the demand categories).
 */
export async function listParameters(ctx: AppContext, actor: Actor): Promise<{ groups: ParameterGroup[] }> {
  await ensureDemandCategories(ctx.db, actor.parkId);
  const categories = await ctx.db
    .selectFrom('dictionaries')
    .select(['code', 'label', 'extra', 'active'])
    .where('park_id', '=', actor.parkId)
    .where('kind', '=', DEMAND_CATEGORY_KIND)
    .orderBy('sort')
    .execute();
  const ratings = await getRatingSettings(ctx, actor);
  const services = await getServiceApplicationSettings(ctx, actor);
  const c = ctx.config;
  const env = (name: string) => ENV.replace('%s', name);
  return {
    groups: [
      {
        label: '诉求办理期限(工作日)',
        entries: categories.map((cat) => {
          const extra = (cat.extra ?? {}) as { acceptDays?: number; answerDays?: number };
          return {
            key: `demand.${cat.code}`,
            label: `${cat.label}${cat.active ? '' : '(已停用)'}`,
            value: `签收 ${extra.acceptDays ?? '—'} 天 · 答复 ${extra.answerDays ?? '—'} 天`,
            unit: '工作日',
            source: '本园区数据字典(诉求类别)',
            editPath: `/admin/dictionaries?kind=${DEMAND_CATEGORY_KIND}`,
          };
        }),
      },
      {
        label: '好差评',
        entries: [
          { key: 'rating.rectifyDays', label: '差评整改期限', value: String(ratings.rectifyDays), unit: '工作日', source: '本园区设置', editPath: null },
          { key: 'rating.windowDays', label: '未评价计为“未评”的天数', value: String(ratings.ratingWindowDays), unit: '天', source: CODE, editPath: null },
          { key: 'rating.reminderDay', label: '未评价提醒(办结后第几天)', value: String(ratings.reminderDay), unit: '天', source: CODE, editPath: null },
        ],
      },
      {
        label: '政务服务',
        entries: [{ key: 'service.postcheckDays', label: '告知承诺事后核查期限', value: String(services.postcheckDays), unit: '工作日', source: '本园区设置', editPath: null }],
      },
      {
        label: '政策兑现',
        entries: [
          { key: 'policy.publicityDays', label: '公示期', value: String(PUBLICITY_WORKING_DAYS), unit: '工作日', source: CODE, editPath: null },
          { key: 'policy.grantConfirmDays', label: '免申即享待确认期限(超期作废并释放资金)', value: String(GRANT_CONFIRM_DAYS), unit: '天', source: CODE, editPath: null },
          { key: 'policy.datedParameters', label: '补贴标准等带生效日期的参数', value: '在各政策的规则中按生效日期维护', unit: null, source: '政策库 · 规则', editPath: '/policies' },
        ],
      },
      {
        label: '登录与会话',
        entries: [
          { key: 'session.idleMinutes', label: '无操作自动退出', value: String(c.sessionIdleMinutes), unit: '分钟', source: env('SESSION_IDLE_MINUTES'), editPath: null },
          { key: 'session.absoluteHours', label: '登录最长有效', value: String(c.sessionAbsoluteHours), unit: '小时', source: env('SESSION_ABSOLUTE_HOURS'), editPath: null },
          { key: 'login.captchaAfter', label: '同一地址失败几次后须输入验证码(0=从不)', value: String(c.loginCaptchaAfter), unit: '次', source: env('LOGIN_CAPTCHA_AFTER'), editPath: null },
          { key: 'login.ipLimit', label: '同一地址10分钟内失败上限', value: String(c.loginIpLimit), unit: '次', source: env('LOGIN_IP_LIMIT'), editPath: null },
          { key: 'login.maxFailures', label: '密码连续错误锁定账号', value: `${MAX_FAILED_LOGINS} 次锁定 ${LOCK_MINUTES} 分钟`, unit: null, source: CODE, editPath: null },
        ],
      },
      {
        label: '文件',
        entries: [{ key: 'upload.maxBytes', label: '单个上传文件上限', value: String(Math.round(c.maxUploadBytes / 1024 / 1024)), unit: 'MB', source: CODE, editPath: null }],
      },
    ],
  };
}
