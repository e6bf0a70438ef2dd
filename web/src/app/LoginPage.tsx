import { useCallback, useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, Tooltip, Typography } from 'antd';
import { useScreens } from '../components/useScreens';
import { LockOutlined, ReloadOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import type { CaptchaChallenge, LoginRequest, Me } from '@yuanqi/contract';
import { api, ApiError, errorMessage, isApiError } from './api';
import { sessionEndReason, useAuth } from './auth';
import { applyFieldErrors } from '../components/forms';
import { usePageTitle } from '../components/PageHeader';
import { BRAND } from './theme';
import './login.css';

const PARK_KEY = 'yq.parkName';
const USERNAME_KEY = 'yq.lastUsername';

function rememberedPark(): string {
  try {
    return localStorage.getItem(PARK_KEY) || 'XX高新区';
  } catch {
    return 'XX高新区';
  }
}

/** The park this deployment serves; `null` when it serves several (the page then falls back). */
function usePublicParkName(): string | null {
  const park = useQuery({
    queryKey: ['public', 'park'],
    queryFn: ({ signal }) => api.get<{ name: string | null }>('/api/public/park', undefined, signal),
    staleTime: Infinity,
    retry: false,
  });
  return park.data?.name ?? null;
}

/** Where to go after signing in: the page that sent us here, else the user's own start page. */
export function landingPath(me: Me, redirect: string | null): string {
  if (redirect && redirect.startsWith('/') && !redirect.startsWith('//') && !redirect.startsWith('/login')) return redirect;
  // everyone starts on 工作台, an enterprise too (on a phone its 首页: to-dos and main actions), not
  // the long profile page
  return '/';
}

/**
 * The image captcha the server asks for after several failed log-ins from this address
 * (CAPTCHA_REQUIRED). Each challenge answers one attempt, so a new one is fetched after every try.
 */
function useCaptcha() {
  const [challenge, setChallenge] = useState<CaptchaChallenge | null>(null);
  const [needed, setNeeded] = useState(false);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    setNeeded(true);
    setLoading(true);
    try {
      setChallenge(await api.post<CaptchaChallenge>('/api/auth/captcha'));
      setFailed(null);
    } catch (error) {
      setChallenge(null);
      setFailed(errorMessage(error));
    } finally {
      setLoading(false);
    }
  }, []);
  return { challenge, needed, loading, failed, refresh };
}

export function LoginPage() {
  const { me, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const screens = useScreens();
  const [form] = Form.useForm<LoginRequest & { remember: boolean }>();
  const [alert, setAlert] = useState<{ type: 'error' | 'warning'; text: string } | null>(null);
  const [endedBecause] = useState(sessionEndReason);
  const captcha = useCaptcha();
  const [rememberedParkName] = useState(rememberedPark);
  const parkName = usePublicParkName() ?? rememberedParkName;
  usePageTitle('登录');
  const initialUsername = (() => {
    try {
      return localStorage.getItem(USERNAME_KEY) ?? '';
    } catch {
      return '';
    }
  })();

  const mutation = useMutation({
    mutationFn: (body: LoginRequest) => login(body),
    meta: {
      quietCodes: ['INVALID_CREDENTIALS', 'ACCOUNT_LOCKED', 'TOO_MANY_REQUESTS', 'VALIDATION_FAILED', 'UNAUTHENTICATED', 'CAPTCHA_REQUIRED', 'CAPTCHA_INVALID'],
    },
    onSuccess: (user) => {
      try {
        localStorage.setItem(PARK_KEY, user.parkName);
        if (form.getFieldValue('remember')) localStorage.setItem(USERNAME_KEY, user.username);
        else localStorage.removeItem(USERNAME_KEY);
      } catch {
        /* private mode: nothing to remember */
      }
      navigate(landingPath(user, params.get('redirect')), { replace: true });
    },
    onError: (error) => {
      // The challenge was used up by this attempt (or is now needed): show a fresh one.
      if (captcha.needed || isApiError(error, 'CAPTCHA_REQUIRED') || isApiError(error, 'CAPTCHA_INVALID')) {
        form.setFieldValue('captcha', '');
        void captcha.refresh();
      }
      if (error instanceof ApiError) {
        if (error.code === 'CAPTCHA_REQUIRED' || error.code === 'CAPTCHA_INVALID') {
          form.setFields([{ name: 'captcha', errors: [error.message] }]);
          return setAlert({ type: 'warning', text: error.code === 'CAPTCHA_REQUIRED' ? '登录失败次数较多,请输入图片中的验证码' : error.message });
        }
        if (error.code === 'VALIDATION_FAILED' && applyFieldErrors(form, error)) return setAlert(null);
        if (error.code === 'ACCOUNT_LOCKED' || error.code === 'INVALID_CREDENTIALS') {
          form.setFieldValue('password', '');
          return setAlert({ type: 'error', text: error.message });
        }
        if (error.code === 'TOO_MANY_REQUESTS') return setAlert({ type: 'warning', text: error.message });
      }
      setAlert({ type: 'error', text: errorMessage(error) });
    },
  });

  if (me) return <Navigate to={landingPath(me, params.get('redirect'))} replace />;

  const wide = !!screens.lg;
  return (
    <div className="yq-login">
      {wide && (
        <section className="yq-login-brand" style={{ background: `linear-gradient(135deg, ${BRAND} 0%, #0b2240 100%)` }}>
          <div className="yq-login-brand-inner">
            <div className="yq-login-logo">园</div>
            <h1>园企通</h1>
            <p className="yq-login-park">{parkName} · 企业服务平台</p>
            <ul>
              <li>企业下单、专员跑腿,诉求全程可追踪</li>
              <li>政策精准匹配,免申即享直达企业</li>
              <li>一次不跑、只跑一次,审批时限看得见</li>
              <li>应急转贷、融资对接,金融活水进园区</li>
            </ul>
          </div>
          <footer>{parkName}管委会 · 营商环境服务系统</footer>
        </section>
      )}
      <main className="yq-login-main">
        <div className="yq-login-card">
          {!wide && (
            <div className="yq-login-mobile-brand">
              <div className="yq-login-logo small">园</div>
              <div>
                <div className="title">园企通</div>
                <div className="sub">{parkName} · 企业服务平台</div>
              </div>
            </div>
          )}
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            账号登录
          </Typography.Title>
          <Typography.Paragraph type="secondary">园区工作人员、企业、金融机构用户统一入口</Typography.Paragraph>
          {endedBecause && !alert && <Alert type="warning" showIcon title={endedBecause} style={{ marginBottom: 16 }} />}
          {!endedBecause && params.get('redirect') && !alert && (
            <Alert type="info" showIcon title="登录已失效或尚未登录,请登录后继续。" style={{ marginBottom: 16 }} />
          )}
          {alert && <Alert type={alert.type} showIcon title={alert.text} style={{ marginBottom: 16 }} />}
          <Form
            form={form}
            layout="vertical"
            size="large"
            requiredMark={false}
            initialValues={{ username: initialUsername, password: '', remember: !!initialUsername }}
            onFinish={(values) => {
              setAlert(null);
              mutation.mutate({
                username: values.username.trim(),
                password: values.password,
                ...(captcha.needed && captcha.challenge ? { captchaId: captcha.challenge.id, captcha: (values.captcha ?? '').trim() } : {}),
              });
            }}
          >
            <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" placeholder="请输入用户名" autoFocus={!initialUsername} />
            </Form.Item>
            <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder="请输入密码" autoFocus={!!initialUsername} />
            </Form.Item>
            {captcha.needed && (
              <Form.Item label="验证码" required extra={captcha.failed ?? '看不清?点击图片换一张'}>
                <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                  <Form.Item name="captcha" noStyle rules={[{ required: true, whitespace: true, message: '请输入验证码' }]}>
                    <Input
                      prefix={<SafetyOutlined />}
                      placeholder="请输入验证码"
                      inputMode="numeric"
                      autoComplete="off"
                      maxLength={4}
                      aria-label="验证码"
                      style={{ flex: 1, minWidth: 0 }}
                    />
                  </Form.Item>
                  <Tooltip title="换一张">
                    <button type="button" className="yq-captcha" onClick={() => void captcha.refresh()} aria-label="换一张验证码" disabled={captcha.loading}>
                      {captcha.challenge ? <img src={captcha.challenge.image} alt="验证码图片" width={120} height={40} /> : <ReloadOutlined />}
                    </button>
                  </Tooltip>
                </div>
              </Form.Item>
            )}
            <Form.Item name="remember" valuePropName="checked" style={{ marginBottom: 12 }}>
              <Checkbox>记住用户名</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={mutation.isPending}>
              登录
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 24, fontSize: 12 }}>
            忘记密码或账号被锁定,请联系园区系统管理员处理。连续多次输错密码,账号将被临时锁定。
          </Typography.Paragraph>
        </div>
      </main>
    </div>
  );
}
