import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { MapFeatureView } from '@yuanqi/contract';

/** What the map draws of one parcel. */
export type MapParcel = { id: string; code: string; boundary: unknown; color: string; label?: string };

const FEATURE_STYLE: Record<MapFeatureView['kind'], L.PathOptions> = {
  town: { color: '#8c8c8c', weight: 2, dashArray: '8 6', fillColor: '#fbfaf6', fillOpacity: 1 },
  zone: { color: '#d9d9d9', weight: 1, fillColor: '#f3f1ea', fillOpacity: 0.6 },
  starter: { color: '#1677ff', weight: 2, dashArray: '4 4', fill: false },
  road: { color: '#ffffff', weight: 5, opacity: 1 },
  river: { color: '#69b1ff', weight: 10, opacity: 0.8 },
  landmark: { color: '#595959' },
};

/**
 * A Leaflet map with no tile layer (no tile server is reachable): the park's base layer on a plain
 * background, the parcels over it, each a path coloured by the caller. Clicking a parcel calls
 * `onSelect`; `focusId` flies to a parcel and outlines it.
 */
export function ParcelMap({
  features,
  parcels,
  bounds,
  onSelect,
  focusId,
  height = 560,
  interactive = true,
}: {
  features: MapFeatureView[];
  parcels: MapParcel[];
  bounds?: [[number, number], [number, number]] | null;
  onSelect?: (id: string) => void;
  focusId?: string | null;
  height?: number | string;
  interactive?: boolean;
}) {
  const holder = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const parcelLayer = useRef<L.LayerGroup | null>(null);
  const layerOf = useRef(new Map<string, L.GeoJSON>());
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;

  // the map and its base layer, once
  useEffect(() => {
    if (!holder.current) return;
    const m = L.map(holder.current, {
      attributionControl: false,
      zoomControl: interactive,
      dragging: interactive,
      scrollWheelZoom: interactive,
      doubleClickZoom: interactive,
      touchZoom: interactive,
      boxZoom: interactive,
      keyboard: interactive,
      zoomSnap: 0.25,
    });
    map.current = m;
    const base = L.layerGroup().addTo(m);
    for (const f of features) {
      if (f.kind === 'landmark') {
        const g = f.geometry as { type?: string; coordinates?: [number, number] };
        if (g?.type === 'Point' && g.coordinates) {
          L.circleMarker([g.coordinates[1], g.coordinates[0]], { radius: 4, color: '#595959', weight: 1, fillOpacity: 0.8, interactive: false })
            .bindTooltip(f.name ?? '', { permanent: true, direction: 'right', className: 'yq-map-label' })
            .addTo(base);
        }
        continue;
      }
      L.geoJSON(f.geometry as GeoJSON.GeoJsonObject, { style: FEATURE_STYLE[f.kind], interactive: false }).addTo(base);
    }
    parcelLayer.current = L.layerGroup().addTo(m);
    if (bounds) m.fitBounds(bounds, { padding: [12, 12] });
    else m.setView([28.22, 117.0], 14);
    return () => {
      m.remove();
      map.current = null;
      layerOf.current.clear();
    };
    // the base layer does not change while the page is open
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // the parcels, whenever they or their colours change
  useEffect(() => {
    const group = parcelLayer.current;
    if (!group) return;
    group.clearLayers();
    layerOf.current.clear();
    for (const p of parcels) {
      const layer = L.geoJSON(p.boundary as GeoJSON.GeoJsonObject, {
        style: { color: '#595959', weight: 0.8, fillColor: p.color, fillOpacity: 0.75 },
        interactive: !!selectRef.current,
      });
      if (selectRef.current) {
        layer.on('click', () => selectRef.current?.(p.id));
        layer.bindTooltip(p.label ?? p.code, { sticky: true });
      }
      layer.addTo(group);
      layerOf.current.set(p.id, layer);
    }
  }, [parcels]);

  // the focused parcel: outlined, and flown to
  useEffect(() => {
    if (!focusId || !map.current) return;
    const layer = layerOf.current.get(focusId);
    if (!layer) return;
    for (const [id, l] of layerOf.current) l.setStyle(id === focusId ? { color: '#1d39c4', weight: 3 } : { color: '#595959', weight: 0.8 });
    layer.bringToFront();
    if (interactive) map.current.flyToBounds(layer.getBounds(), { maxZoom: 16, duration: 0.6, padding: [60, 60] });
  }, [focusId, parcels, interactive]);

  return <div ref={holder} data-testid="parcel-map" style={{ height, width: '100%', background: '#efece3', borderRadius: 8 }} />;
}
