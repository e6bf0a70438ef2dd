import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Mounts `children` once the box comes near the viewport, and keeps them mounted. A meeting's
 * agenda can hold hundreds of items; rendering every decision form up front takes seconds.
 */
export function LazyMount({ children, minHeight, margin = '800px' }: { children: ReactNode; minHeight: number; margin?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    if (shown) return;
    const el = box.current;
    if (!el) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setShown(true);
          observer.disconnect();
        }
      },
      { rootMargin: margin },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [shown, margin]);
  return shown ? <>{children}</> : <div ref={box} style={{ minHeight }} aria-busy="true" />;
}
