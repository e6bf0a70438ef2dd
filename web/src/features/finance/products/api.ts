import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateInstitutionRequest,
  CreateProductRequest,
  InstitutionDetailView,
  ProductList,
  ProductView,
  UpdateInstitutionRequest,
  UpdateProductRequest,
} from '@yuanqi/contract';
import { api, type Query } from '../../../app/api';
import { financeKeys } from '../api';

export const productKeys = {
  all: ['finance', 'products'] as const,
  list: (q: Query) => ['finance', 'products', 'list', q] as const,
  detail: (id: string) => ['finance', 'products', 'detail', id] as const,
  institutions: ['finance', 'institutions', 'detail'] as const,
};

export function useProducts(q: Query, enabled = true) {
  return useQuery({ queryKey: productKeys.list(q), queryFn: ({ signal }) => api.get<ProductList>('/api/finance/products', q, signal), placeholderData: keepPreviousData, enabled });
}

export function useProduct(id: string | undefined) {
  return useQuery({ queryKey: productKeys.detail(id ?? ''), queryFn: ({ signal }) => api.get<ProductView>(`/api/finance/products/${encodeURIComponent(id!)}`, undefined, signal), enabled: !!id });
}

export const exportProducts = (q: Query) => api.download('/api/finance/products/export', q, '金融产品.xlsx');

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: financeKeys.all });
}

export function useSaveProduct(id?: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateProductRequest | UpdateProductRequest) =>
      id ? api.patch<ProductView>(`/api/finance/products/${encodeURIComponent(id)}`, body) : api.post<ProductView>('/api/finance/products', body),
    onSuccess: invalidate,
  });
}

export function useProductAction() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'publish' | 'withdraw' }) => api.post<ProductView>(`/api/finance/products/${encodeURIComponent(id)}/${action}`),
    onSuccess: invalidate,
  });
}

/** The institutions with contact and product counts (GET /api/finance/institutions). */
export function useInstitutionDetails() {
  return useQuery({ queryKey: productKeys.institutions, queryFn: ({ signal }) => api.get<InstitutionDetailView[]>('/api/finance/institutions', undefined, signal) });
}

export function useSaveInstitution(id?: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateInstitutionRequest | UpdateInstitutionRequest) =>
      id ? api.patch<InstitutionDetailView>(`/api/finance/institutions/${encodeURIComponent(id)}`, body) : api.post<InstitutionDetailView>('/api/finance/institutions', body),
    onSuccess: invalidate,
  });
}
