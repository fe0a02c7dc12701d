import { useT, type MessageKey } from '../../i18n/index.tsx';
import type { OrderView } from '../customer.ts';
import { useFormat } from '../format.ts';

const PAYMENT_KEYS: Record<string, MessageKey> = {
  invoice: 'payment.invoice',
  card: 'payment.card',
  bank_transfer: 'payment.bankTransfer',
  mobile: 'payment.mobile',
  cash: 'payment.cash',
  gift_card: 'payment.giftCard',
  other: 'payment.other',
};

export function OrdersTable({ caption, orders }: { caption: string; orders: OrderView[] }) {
  const t = useT();
  const f = useFormat();
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('orders.orderId')}</th>
            <th scope="col">{t('orders.placedAt')}</th>
            <th scope="col">{t('orders.items')}</th>
            <th scope="col" className="num">
              {t('orders.total')}
            </th>
            <th scope="col">{t('orders.payment')}</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => {
            const paymentKey = o.paymentMethod ? PAYMENT_KEYS[o.paymentMethod] : undefined;
            return (
              <tr key={o.key}>
                <th scope="row">{o.orderId}</th>
                <td>{f.dateTime(o.placedAt)}</td>
                <td>
                  {o.items.length ? (
                    <ul className="plain-list">
                      {o.items.map((i, n) => (
                        <li key={n}>{t('orders.item', { quantity: f.number(i.quantity), name: i.name })}</li>
                      ))}
                    </ul>
                  ) : null}
                </td>
                <td className="num">
                  {o.amount !== null ? (o.currency ? f.money(o.amount, o.currency) : o.amount) : ''}
                </td>
                <td>{paymentKey ? t(paymentKey) : (o.paymentMethod ?? '')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
