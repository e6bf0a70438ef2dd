import { z } from 'zod';
import { ROLES, type Role } from './roles.js';
import { ZId } from './common.js';

export const ZLoginRequest = z.object({
  username: z.string({ error: '请输入用户名' }).trim().min(1, { error: '请输入用户名' }).max(64),
  password: z.string({ error: '请输入密码' }).min(1, { error: '请输入密码' }).max(200),
  /** The challenge answered, once the server asked for a captcha (CAPTCHA_REQUIRED). */
  captchaId: z.uuid({ error: '验证码已过期,请刷新后重新输入' }).optional(),
  captcha: z.string({ error: '请输入验证码' }).trim().min(1, { error: '请输入验证码' }).max(10, { error: '验证码错误,请重新输入' }).optional(),
});
export type LoginRequest = z.infer<typeof ZLoginRequest>;

/** An image challenge of the log-in form: the image is a data URL (SVG drawn as paths). */
export type CaptchaChallenge = { id: string; image: string; expiresAt: string };

export const ZLogoutRequest = z
  .object({
    /** Also end every other session of the user (同时退出其他设备). */
    endOtherSessions: z.boolean({ error: '同时退出其他设备须为是或否' }).optional(),
  })
  .optional();
export type LogoutRequest = z.infer<typeof ZLogoutRequest>;

/** One signed-in device of the current user (个人设置 → 登录设备). */
export type SessionInfo = {
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
};

/** Password rule: at least 8 characters with letters and digits; demo passwords meet it too. */
export const ZPassword = z
  .string({ error: '请输入密码' })
  .min(8, { error: '密码至少8位' })
  .max(128, { error: '密码最多128位' })
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), { error: '密码须同时包含字母和数字' });

export const ZChangePasswordRequest = z.object({
  oldPassword: z.string({ error: '请输入原密码' }).min(1, { error: '请输入原密码' }),
  newPassword: ZPassword,
  /** End the user's other sessions (default: yes — whoever else had the old password is out). */
  endOtherSessions: z.boolean({ error: '同时退出其他设备须为是或否' }).default(true),
});
export type ChangePasswordRequest = z.input<typeof ZChangePasswordRequest>;

export const ZRole = z.enum(ROLES, { error: '角色不存在' });

export const ZCreateUserRequest = z.object({
  username: z
    .string({ error: '请输入用户名' })
    .trim()
    .regex(/^[A-Za-z0-9_.@-]{3,64}$/, { error: '用户名为3–64位字母、数字或 _ . @ -' }),
  displayName: z.string({ error: '请输入姓名' }).trim().min(1, { error: '请输入姓名' }).max(50),
  password: ZPassword,
  roles: z.array(ZRole).min(1, { error: '至少选择一个角色' }),
  /** Custom roles of the park (角色与权限) held beside the built-in ones. */
  customRoles: z.array(z.string().trim().regex(/^[a-z][a-z0-9_]{2,39}$/, { error: '自定义角色不存在' })).max(20).optional(),
  phone: z.string().trim().max(20).nullable().optional(),
  enterpriseId: ZId.nullable().optional(),
  bankId: ZId.nullable().optional(),
});
export type CreateUserRequest = z.infer<typeof ZCreateUserRequest>;

export const ZUpdateUserRequest = z.object({
  displayName: z.string().trim().min(1, { error: '姓名不能为空' }).max(50).optional(),
  roles: z.array(ZRole).min(1, { error: '至少选择一个角色' }).optional(),
  customRoles: z.array(z.string().trim().regex(/^[a-z][a-z0-9_]{2,39}$/, { error: '自定义角色不存在' })).max(20).optional(),
  phone: z.string().trim().max(20).nullable().optional(),
  enterpriseId: ZId.nullable().optional(),
  bankId: ZId.nullable().optional(),
  isActive: z.boolean().optional(),
  password: ZPassword.optional(),
  unlock: z.boolean().optional(),
});
export type UpdateUserRequest = z.infer<typeof ZUpdateUserRequest>;

export type Me = {
  id: string;
  username: string;
  displayName: string;
  parkId: string;
  parkName: string;
  roles: Role[];
  permissions: string[];
  enterpriseId: string | null;
  enterpriseName: string | null;
  bankId: string | null;
  bankName: string | null;
};

export type UserSummary = {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  customRoles: string[];
  phone: string | null;
  enterpriseId: string | null;
  enterpriseName: string | null;
  bankId: string | null;
  bankName: string | null;
  isActive: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
};
