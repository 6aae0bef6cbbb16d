import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectApi } from './api-client';
import { withCatchUp } from './catch-up';
import './styles.css';

// Live events, plus changesSince whenever they may have been missed.
const api = withCatchUp(connectApi());
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={api} />
  </StrictMode>,
);
